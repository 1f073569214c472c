package io.wahub.plugins.evolution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import io.wahub.sdk.testkit.FakeContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EvolutionTest {

    @RegisterExtension
    static WireMockExtension gateway = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String KEY = "B6D711FCDE4D4FD5936544120E713976";
    static final Instant NOW = Instant.parse("2026-05-24T05:00:11Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final OutboundMessage TEXT = OutboundMessage.text("+4915112345678", MessageCategory.SERVICE,
            "Your order ships today.", "k-1");

    final EvolutionChannel channel = new EvolutionChannel(Duration.ofMillis(2500));
    final EvolutionWebhook webhooks = new EvolutionWebhook();

    FakeContext context() {
        return FakeContext.of(new EvolutionSettings(gateway.baseUrl() + "/", "shop-main", KEY, null), NOW);
    }

    @Test
    void sendsText_toSendTextWithApikeyHeader_andReturnsKeyId() throws Exception {
        gateway.stubFor(post("/message/sendText/shop-main").willReturn(okJson("""
                {"key":{"remoteJid":"4915112345678@s.whatsapp.net","fromMe":true,"id":"BAE594145F4C59B4"},
                 "pushName":"","status":"PENDING","message":{"conversation":"Your order ships today."},
                 "messageType":"conversation","messageTimestamp":1779609600,"instanceId":"c7b5","source":"unknown"}""")));

        assertThat(channel.send(TEXT, context()).providerMessageId()).isEqualTo("BAE594145F4C59B4");
        gateway.verify(postRequestedFor(urlEqualTo("/message/sendText/shop-main")).withHeader("apikey", equalTo(KEY))
                .withRequestBody(equalToJson("{\"number\":\"4915112345678\",\"text\":\"Your order ships today.\"}")));
    }

    @Test
    void classifiesFailures_retryableOrPermanent() {
        gateway.stubFor(post("/message/sendText/shop-main").willReturn(aResponse().withStatus(400).withBody("""
                {"status":400,"error":"Bad Request","response":{"message":[{"exists":false,
                 "jid":"4915112345678@s.whatsapp.net","number":"4915112345678"}]}}""")));
        SendFailure notOnWhatsApp = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, context()));
        gateway.stubFor(post("/message/sendText/shop-main").willReturn(aResponse().withStatus(503)));
        SendFailure down = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, context()));
        gateway.stubFor(post("/message/sendText/shop-main").willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        SendFailure reset = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, context()));
        gateway.stubFor(post("/message/sendText/shop-main").willReturn(okJson("{}").withFixedDelay(5000)));
        SendFailure slow = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, context()));

        assertThat(notOnWhatsApp.retryable()).as(notOnWhatsApp.code() + " " + notOnWhatsApp.getMessage()).isFalse();
        assertThat(notOnWhatsApp.code()).isEqualTo("http-400");
        assertThat(notOnWhatsApp.getMessage()).isEqualTo("the gateway answered HTTP 400: [{\"exists\":false,"
                + "\"jid\":\"4915112345678@s.whatsapp.net\",\"number\":\"4915112345678\"}]");
        assertThat(down.retryable()).isTrue();
        assertThat(reset.code()).isEqualTo("io-error");
        assertThat(reset.retryable()).isTrue();
        assertThat(slow.code()).isEqualTo("timeout");
    }

    @Test
    void aGatewaysErrorText_isBounded_andNeverShowsTheKey() {
        gateway.stubFor(post("/message/sendText/shop-main").willReturn(aResponse().withStatus(500).withBody(
                "{\"response\":{\"message\":\"apikey " + KEY + " refused; " + "internal state ".repeat(1000) + "\"}}")));

        SendFailure failure = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, context()));

        assertThat(failure.getMessage()).startsWith("the gateway answered HTTP 500: apikey *** refused; internal state")
                .endsWith("…").doesNotContain(KEY);
        assertThat(failure.getMessage().length()).isEqualTo("the gateway answered HTTP 500: ".length() + 300);
    }

    @Test
    void refusesTemplates_permanently() {
        OutboundMessage template = new OutboundMessage("+4915112345678", MessageCategory.UTILITY, null,
                new OutboundMessage.Template("order_update", "en_US", List.of()), "k-2");

        SendFailure failure = catchThrowableOfType(SendFailure.class, () -> channel.send(template, context()));

        assertThat(failure.code()).isEqualTo("unsupported-message");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void inboundMessage_isMessageReceivedKeyedOnInstanceAndId() throws Exception {
        WebhookOutcome outcome = webhooks.receive(webhook(fixture("messages-upsert.json"), KEY), context());

        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.type()).isEqualTo("message.received");
        assertThat(event.deliveryId()).isEqualTo("shop-main:3EB0C431C26A1916E07D");
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"channel":"evolution","messageId":"3EB0C431C26A1916E07D","from":"+4915112345678","name":"Jon Doe",\
                "kind":"text","text":"Where is my order #1001?"}""");
    }

    @Test
    void acceptsTheBodysApikey_whenNoHeaderIsSent() throws Exception {
        assertThat(webhooks.receive(webhook(fixture("messages-upsert.json"), null), context()).events()).hasSize(1);
    }

    @Test
    void ignoresOwnMessages_andGroups() throws Exception {
        String own = text("messages-upsert.json").replace("\"fromMe\":false", "\"fromMe\":true");
        String group = text("messages-upsert.json").replace("4915112345678@s.whatsapp.net", "120363025@g.us");

        assertThat(webhooks.receive(webhook(own.getBytes(StandardCharsets.UTF_8), KEY), context()).note())
                .isEqualTo("message 3EB0C431C26A1916E07D was sent from this number");
        assertThat(webhooks.receive(webhook(group.getBytes(StandardCharsets.UTF_8), KEY), context()).events()).isEmpty();
    }

    @Test
    void statusUpdate_isMessageStatus() throws Exception {
        CanonicalEvent event = webhooks.receive(webhook(fixture("messages-update.json"), KEY), context()).events()
                .getFirst();

        assertThat(event.type()).isEqualTo("message.status");
        assertThat(event.deliveryId()).isEqualTo("shop-main:BAE594145F4C59B4:read");
        assertThat(event.payload().get("providerMessageId").asText()).isEqualTo("BAE594145F4C59B4");
        assertThat(event.payload().get("status").asText()).isEqualTo("read");
    }

    @Test
    void rejectsWrongKey_foreignInstance_andMalformedBody() throws Exception {
        assertRejected(webhook(fixture("messages-upsert.json"), "wrong"), Reason.BAD_SIGNATURE,
                "the apikey header is not the configured webhook key");
        String bodyKeyWrong = text("messages-upsert.json").replace(KEY, "0000");
        assertRejected(webhook(bodyKeyWrong.getBytes(StandardCharsets.UTF_8), null), Reason.BAD_SIGNATURE,
                "neither the apikey header nor the body's apikey is the configured webhook key");
        String foreign = text("messages-upsert.json").replace("\"instance\":\"shop-main\"", "\"instance\":\"other\"");
        assertRejected(webhook(foreign.getBytes(StandardCharsets.UTF_8), KEY), Reason.FOREIGN_SOURCE,
                "instance other is not the instance in the settings (shop-main)");
        assertRejected(webhook("{\"event\":".getBytes(StandardCharsets.UTF_8), KEY), Reason.MALFORMED,
                "body is not valid JSON");
    }

    @Test
    void rejectsUnparseableBodyWithoutKeyHeader_asUnproven_notAsMalformed() {
        assertRejected(webhook("{\"event\":".getBytes(StandardCharsets.UTF_8), null), Reason.BAD_SIGNATURE,
                "no apikey header, and the body is not JSON that could carry the webhook key");
    }

    void assertRejected(InboundWebhook webhook, Reason reason, String message) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> webhooks.receive(webhook, context()));
        assertThat(rejection).as("expected a WebhookRejection").isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).isEqualTo(message);
    }

    static InboundWebhook webhook(byte[] body, String apikey) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (apikey != null) {
            headers.put("apikey", apikey);
        }
        return new InboundWebhook("t1", "evolution", headers, Map.of(), body, NOW);
    }

    static String text(String name) throws IOException {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = EvolutionTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }
}
