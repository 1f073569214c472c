package io.wahub.plugins.whatsappcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.AppConfig;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.RoutedEvent;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import io.wahub.sdk.testkit.FakeContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatsAppCloudWebhookTest {

    static final String APP_SECRET = "meta-app-secret-3b1f";
    static final String VERIFY = "verify-me-7a2c";
    static final Instant NOW = Instant.parse("2026-05-24T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final WhatsAppCloudWebhook connector = new WhatsAppCloudWebhook();
    final FakeContext context = FakeContext.of(new WhatsAppCloudSettings("106540352242922", "EAAG-token", null, null,
            APP_SECRET, VERIFY, null), NOW);
    final AppConfig app = new AppConfig("main", Map.of("app-secret", APP_SECRET, "verify-token", VERIFY));

    @Test
    void inboundText_isMessageReceivedKeyedOnWamid() throws Exception {
        WebhookOutcome outcome = connector.receive(signed(fixture("inbound-text.json")), context);

        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.type()).isEqualTo("message.received");
        assertThat(event.source()).isEqualTo("whatsapp-cloud");
        assertThat(event.deliveryId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1779609590));
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"channel":"whatsapp-cloud","messageId":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",\
                "from":"+16505551234","name":"Sheena Nelson","kind":"text","text":"Does it come in another color?",\
                "phoneNumberId":"106540352242922"}""");
    }

    @Test
    void interactiveAndTemplateButtonReplies_carryTitleAndPayload() throws Exception {
        List<CanonicalEvent> events = connector.receive(signed(fixture("interactive-and-button.json")), context)
                .events();

        assertThat(events).hasSize(2);
        assertThat(events.get(0).payload().get("kind").asText()).isEqualTo("interactive");
        assertThat(events.get(0).payload().get("text").asText()).isEqualTo("Yes, confirm");
        assertThat(events.get(0).payload().get("buttonPayload").asText()).isEqualTo("confirm-order-1001");
        assertThat(events.get(0).payload().get("replyTo").asText())
                .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA");
        assertThat(events.get(1).payload().get("kind").asText()).isEqualTo("button");
        assertThat(events.get(1).payload().get("buttonPayload").asText()).isEqualTo("STOP_PROMOTIONS");
    }

    @Test
    void userPreferences_stopOfMarketing_isContactPreferencesKeyedOnUserValueAndTime() throws Exception {
        List<CanonicalEvent> events = connector.receive(signed(fixture("user-preferences.json")), context).events();

        assertThat(events).hasSize(1);
        CanonicalEvent event = events.getFirst();
        assertThat(event.type()).isEqualTo("contact.preferences");
        assertThat(event.deliveryId()).isEqualTo("preferences:16505551234:stop:1739321024");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1739321024));
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"channel":"whatsapp-cloud","from":"+16505551234","name":"Sheena Nelson","category":"marketing",\
                "preference":"stop","detail":"User requested to stop marketing messages",\
                "phoneNumberId":"106540352242922"}""");
    }

    @Test
    void userPreferences_ofAnotherCategory_yieldNoEvent() throws Exception {
        String other = text("user-preferences.json").replace("marketing_messages", "offers_and_announcements");

        WebhookOutcome outcome = connector.receive(signed(other.getBytes(StandardCharsets.UTF_8)), context);

        assertThat(outcome.events()).isEmpty();
    }

    @Test
    void templateStatusAndQualityChanges_areTemplateStatusEvents_andLockIsSkipped() throws Exception {
        List<CanonicalEvent> events = connector.receive(signed(fixture("template-status.json")), context).events();

        assertThat(events).extracting(CanonicalEvent::type).containsOnly("template.status");
        assertThat(events).extracting(CanonicalEvent::deliveryId).containsExactly(
                "template:1689556908129832:REJECTED:1779609700",
                "template:1689556908129833:quality:YELLOW:1779609700");
        assertThat(events.getFirst().occurredAt()).isEqualTo(Instant.ofEpochSecond(1779609700));
        assertThat(JSON.writeValueAsString(events.get(0).payload())).isEqualTo("""
                {"channel":"whatsapp-cloud","name":"order_update","language":"en_US","templateId":"1689556908129832",\
                "status":"REJECTED","reason":"INVALID_FORMAT: Variable parameters are not defined correctly.",\
                "category":"UTILITY","accountId":"102290129340398"}""");
        assertThat(JSON.writeValueAsString(events.get(1).payload())).isEqualTo("""
                {"channel":"whatsapp-cloud","name":"spring_sale","language":"es","templateId":"1689556908129833",\
                "quality":"YELLOW","accountId":"102290129340398"}""");
    }

    @Test
    void templateChangesOnTheAppLevelUrl_areKeyedByTheBusinessAccount() throws Exception {
        List<RoutedEvent> events = connector.receiveForApp(signed(fixture("template-status.json")), app);

        assertThat(events).extracting(RoutedEvent::routingKey).containsOnly("waba:102290129340398");
    }

    @Test
    void statuses_areMessageStatusKeyedOnWamidAndStatus_withErrorsOfFailures() throws Exception {
        List<CanonicalEvent> events = connector.receive(signed(fixture("statuses.json")), context).events();

        assertThat(events).extracting(CanonicalEvent::deliveryId).containsExactly(
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA:delivered",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFQUlMRUQxMjM0NTY3ODkwAA==:failed");
        assertThat(JSON.writeValueAsString(events.get(1).payload())).isEqualTo("""
                {"channel":"whatsapp-cloud","providerMessageId":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFQUlMRUQxMjM0NTY3ODkwAA==",\
                "status":"failed","recipient":"+4915112345678","errorCode":"131047","error":"Re-engagement message: \
                Message failed to send because more than 24 hours have passed since the customer last replied to this \
                number.","phoneNumberId":"106540352242922"}""");
    }

    @Test
    void rejectsWrongSignature_missingSignature_andUnsignedPrefix() throws Exception {
        byte[] body = fixture("inbound-text.json");

        assertRejected(webhook(body, "sha256=" + Hmac.hex(Hmac.sha256("other", body))), Reason.BAD_SIGNATURE,
                "X-Hub-Signature-256 does not match the body signed with the app secret");
        assertRejected(webhook(body, null), Reason.BAD_SIGNATURE, "X-Hub-Signature-256 header is missing");
        assertRejected(webhook(body, Hmac.hex(Hmac.sha256(APP_SECRET, body))), Reason.BAD_SIGNATURE,
                "X-Hub-Signature-256 does not match the body signed with the app secret");
    }

    @Test
    void rejectsNotificationForAnotherNumber_asForeign() throws Exception {
        byte[] body = text("inbound-text.json").replace("106540352242922", "999999999999999")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(signed(body), Reason.FOREIGN_SOURCE, "no change is for phone_number_id 106540352242922"
                + " (the phoneNumberId setting); got 999999999999999");
    }

    @Test
    void rejectsMalformedJson_andOtherObjects() {
        assertRejected(signed("{\"object\":".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED,
                "body is not valid JSON (line 1, column 11)");
        assertRejected(signed("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)),
                Reason.MALFORMED, "object is not whatsapp_business_account");
    }

    @Test
    void handshake_echoesChallenge_onlyForTheVerifyToken() throws Exception {
        InboundWebhook good = get(Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY,
                "hub.challenge", "1158201444"));
        InboundWebhook wrong = get(Map.of("hub.mode", "subscribe", "hub.verify_token", "guess",
                "hub.challenge", "1158201444"));

        assertThat(connector.handshake(good, context)).isEqualTo("1158201444");
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> connector.handshake(wrong, context));
        assertThat(rejection.reason()).isEqualTo(Reason.FOREIGN_SOURCE);
        assertThat(rejection.getMessage()).isEqualTo("hub.verify_token does not match the verifyToken setting");
        assertThat(connector.appHandshake(good, app)).isEqualTo("1158201444");
    }

    @Test
    void appLevelNotification_isSplitByPhoneNumberId() throws Exception {
        String two = text("inbound-text.json").replace("\"entry\": [{", """
                "entry": [{"id": "2", "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
                  "metadata": {"phone_number_id": "222222222222222"},
                  "statuses": [{"id": "wamid.OTHER", "status": "read", "timestamp": "1779609600",
                                "recipient_id": "4915112345678"}]}}]}, {""");

        List<RoutedEvent> events = connector.receiveForApp(signed(two.getBytes(StandardCharsets.UTF_8)), app);

        assertThat(events).extracting(RoutedEvent::routingKey).containsExactly("222222222222222", "106540352242922");
        assertThat(events).extracting(RoutedEvent::type).containsExactly("message.status", "message.received");
        assertThat(connector.routingKey(context)).contains("106540352242922");
    }

    void assertRejected(InboundWebhook webhook, Reason reason, String message) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> connector.receive(webhook, context));
        assertThat(rejection).as("expected a WebhookRejection").isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).isEqualTo(message);
    }

    static InboundWebhook signed(byte[] body) {
        return webhook(body, "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body)));
    }

    static InboundWebhook webhook(byte[] body, String signature) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "facebookexternalua");
        if (signature != null) {
            headers.put("x-hub-signature-256", signature);
        }
        return new InboundWebhook("t1", "whatsapp-cloud", headers, Map.of(), body, NOW);
    }

    static InboundWebhook get(Map<String, String> query) {
        return new InboundWebhook("t1", "whatsapp-cloud", Map.of(), query, new byte[0], NOW);
    }

    static String text(String name) throws IOException {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = WhatsAppCloudWebhookTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }
}
