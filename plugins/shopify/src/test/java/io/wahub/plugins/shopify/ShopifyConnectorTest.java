package io.wahub.plugins.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import io.wahub.sdk.testkit.FakeContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShopifyConnectorTest {

    static final String SECRET = "shpss_test_secret";
    static final String SHOP = "my-shop.myshopify.com";
    static final Instant NOW = Instant.parse("2026-05-24T08:11:15Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final ShopifyConnector connector = new ShopifyConnector();
    final FakeContext context = FakeContext.of(new ShopifySettings(SECRET, SHOP, "US"), NOW);

    @Test
    void acceptsSignedOrdersCreate_asOrderCreatedEventWithNormalisedPayload() throws Exception {
        byte[] body = fixture("orders-create.json");

        WebhookOutcome outcome = connector.receive(signed(body, "orders/create"), context);

        assertThat(outcome.note()).isNull();
        assertThat(outcome.events()).hasSize(1);
        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.tenantId()).isEqualTo("t1");
        assertThat(event.type()).isEqualTo("order.created");
        assertThat(event.source()).isEqualTo("shopify");
        assertThat(event.deliveryId()).isEqualTo("orders/create:820982911946154508");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-05-24T08:11:13.123456789Z"));
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"orderId":"820982911946154508","orderNumber":"#1001","currency":"EUR","total":"44.98",\
                "customer":{"firstName":"Jon","lastName":"Doe","email":"jon@doe.ca","phone":"+4915112345678"},\
                "lineItems":[{"sku":"TS-BLUE-M","title":"Blue T-Shirt (M)","variant":"M","quantity":2,"price":"19.99"},\
                {"sku":"SOCKS-01","title":"Socks","quantity":1,"price":"5.00"}],\
                "shopName":"my-shop.myshopify.com","financialStatus":"paid","paymentMethod":"bogus",\
                "cashOnDelivery":false,"subtotal":"44.98","shippingTotal":"0.00","taxTotal":"7.18",\
                "shippingAddress":{"name":"Jon Doe","city":"Berlin","postcode":"10119","country":"DE"}}""");
    }

    @Test
    void sampleWebhook_isSignedWithTheTenantsSecret_andIsAcknowledgedAndIgnored() throws Exception {
        io.wahub.sdk.SampleWebhook sample = connector.sampleWebhook(context).orElseThrow();
        Map<String, String> headers = new java.util.HashMap<>();
        sample.headers().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));

        WebhookOutcome outcome = connector.receive(new InboundWebhook("t1", "shopify", headers, Map.of(),
                sample.body(), NOW), context);

        assertThat(headers).containsEntry("x-shopify-topic", "shop/update")
                .containsEntry("x-shopify-shop-domain", SHOP);
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.note()).isEqualTo("topic shop/update is not used");
    }

    @ParameterizedTest
    @CsvSource({
        "orders/create, order.created",
        "orders/updated, order.updated",
        "orders/paid, order.paid",
        "orders/cancelled, order.cancelled",
        "orders/fulfilled, order.fulfilled"})
    void mapsEachOrderTopic_toItsCanonicalType(String topic, String type) throws Exception {
        WebhookOutcome outcome = connector.receive(signed(fixture("orders-create.json"), topic), context);

        assertThat(outcome.events()).singleElement().extracting(CanonicalEvent::type).isEqualTo(type);
    }

    @Test
    void rejectsWrongSignature_withBadSignatureReason() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        headers.put("x-shopify-hmac-sha256", Hmac.base64(Hmac.sha256("another-secret", body)));

        assertRejected(webhook(body, headers), Reason.BAD_SIGNATURE,
                "X-Shopify-Hmac-Sha256 does not match the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsBodyChangedAfterSigning_withBadSignatureReason() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"44.98\"", "\"0.01\"")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(webhook(tampered, headers), Reason.BAD_SIGNATURE,
                "X-Shopify-Hmac-Sha256 does not match the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsMissingSignature_withBadSignatureReason() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        headers.remove("x-shopify-hmac-sha256");

        assertRejected(webhook(body, headers), Reason.BAD_SIGNATURE, "X-Shopify-Hmac-Sha256 header is missing");
    }

    @Test
    void checksSignatureBeforeParsing_soUnsignedGarbageIsBadSignatureNotMalformed() {
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = headers(body, "orders/create");
        headers.put("x-shopify-hmac-sha256", "bm90LWEtc2lnbmF0dXJl");

        assertRejected(webhook(body, headers), Reason.BAD_SIGNATURE,
                "X-Shopify-Hmac-Sha256 does not match the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsForeignShopDomain_withForeignSourceReason() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        headers.put("x-shopify-shop-domain", "other-shop.myshopify.com");

        assertRejected(webhook(body, headers), Reason.FOREIGN_SOURCE, "X-Shopify-Shop-Domain other-shop.myshopify.com"
                + " is not the shop in the shopDomain setting (my-shop.myshopify.com)");
    }

    @Test
    void rejectsMissingShopDomain_withForeignSourceReason() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        headers.remove("x-shopify-shop-domain");

        assertRejected(webhook(body, headers), Reason.FOREIGN_SOURCE, "X-Shopify-Shop-Domain header is missing");
    }

    @Test
    void acceptsShopDomain_inAnyLetterCase() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        headers.put("x-shopify-shop-domain", "My-Shop.MyShopify.com");

        WebhookOutcome outcome = connector.receive(webhook(body, headers), context);

        assertThat(outcome.events().getFirst().payload().get("shopName").asText()).isEqualTo(SHOP);
    }

    @Test
    void rejectsMalformedJson_withMalformedReason() {
        byte[] body = "{\"id\": 1, \"name\": }".getBytes(StandardCharsets.UTF_8);

        assertRejected(signed(body, "orders/create"), Reason.MALFORMED,
                "body of orders/create is not valid JSON (line 1, column 19)");
    }

    @Test
    void rejectsJsonThatIsNotAnObject_withMalformedReason() {
        byte[] body = "[{\"id\": 1}]".getBytes(StandardCharsets.UTF_8);

        assertRejected(signed(body, "orders/create"), Reason.MALFORMED, "body of orders/create is not a JSON object");
    }

    @Test
    void rejectsEmptyBody_withMalformedReason() {
        assertRejected(signed(new byte[0], "orders/paid"), Reason.MALFORMED, "body of orders/paid is not a JSON object");
    }

    @Test
    void rejectsOrderWithoutId_withMalformedReason() {
        byte[] body = "{\"name\": \"#1001\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(signed(body, "orders/create"), Reason.MALFORMED, "body of orders/create has no order id");
    }

    @Test
    void keysTheEventOnWhatTheSignatureCovers_notOnTheUnsignedEventAndWebhookIds() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> replayed = headers(body, "orders/create");
        replayed.put("x-shopify-event-id", "a-new-event-id-chosen-by-whoever-replays-the-body");
        replayed.put("x-shopify-webhook-id", "another-webhook-id");
        Map<String, String> bare = headers(body, "orders/create");
        bare.remove("x-shopify-event-id");
        bare.remove("x-shopify-webhook-id");

        String original = connector.receive(signed(body, "orders/create"), context).events().getFirst().deliveryId();
        String replay = connector.receive(webhook(body, replayed), context).events().getFirst().deliveryId();
        String withoutIds = connector.receive(webhook(body, bare), context).events().getFirst().deliveryId();

        assertThat(List.of(original, replay, withoutIds)).containsOnly("orders/create:820982911946154508");
    }

    @ParameterizedTest
    @CsvSource({
        "orders/paid, orders/paid:820982911946154508",
        "orders/cancelled, orders/cancelled:820982911946154508",
        "orders/fulfilled, orders/fulfilled:820982911946154508",
        "orders/updated, orders/updated:820982911946154508@2026-05-24T08:11:12Z"})
    void keysEachTopicOnTheOrderId_andOrderUpdatesAlsoOnUpdatedAt(String topic, String deliveryId) throws Exception {
        WebhookOutcome outcome = connector.receive(signed(fixture("orders-create.json"), topic), context);

        assertThat(outcome.events().getFirst().deliveryId()).isEqualTo(deliveryId);
    }

    @Test
    void orderUpdatedWithANewUpdatedAt_isANewKey() throws Exception {
        byte[] later = new String(fixture("orders-create.json"), StandardCharsets.UTF_8)
                .replace("\"updated_at\": \"2026-05-24T10:11:12+02:00\",\n  \"user_id\"",
                        "\"updated_at\": \"2026-05-24T10:15:00+02:00\",\n  \"user_id\"")
                .getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = connector.receive(signed(later, "orders/updated"), context);

        assertThat(outcome.events().getFirst().deliveryId())
                .isEqualTo("orders/updated:820982911946154508@2026-05-24T08:15:00Z");
    }

    @Test
    void rejectsOrderUpdatedWithoutUpdatedAt_withMalformedReason() {
        byte[] body = "{\"id\": 450789469}".getBytes(StandardCharsets.UTF_8);

        assertRejected(signed(body, "orders/updated"), Reason.MALFORMED,
                "body of orders/updated has no readable updated_at");
    }

    @Test
    void ignoresTopicNoFeatureUses_withNote() throws Exception {
        byte[] body = "{\"id\": 632910392, \"title\": \"IPod Nano - 8GB\"}".getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = connector.receive(signed(body, "products/update"), context);

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.note()).isEqualTo("topic products/update is not used");
    }

    @Test
    void rejectsMissingTopic_withMalformedReason() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/create");
        headers.remove("x-shopify-topic");

        assertRejected(webhook(body, headers), Reason.MALFORMED, "X-Shopify-Topic header is missing");
    }

    @Test
    void rejectsTenantWithoutSettings_withNotConfiguredReason() throws Exception {
        FakeContext unconfigured = new FakeContext("t9", null, Clock.fixed(NOW, ZoneOffset.UTC));

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> connector.receive(signed(fixture("orders-create.json"), "orders/create"), unconfigured));

        assertThat(rejection.reason()).isEqualTo(Reason.NOT_CONFIGURED);
        assertThat(rejection.getMessage())
                .isEqualTo("Shopify is not configured for tenant t9: set webhookSecret and shopDomain");
    }

    @Test
    void takesOccurredAtFromUpdatedAt_whenTriggeredAtIsMissingOrUnreadable() throws Exception {
        byte[] body = fixture("orders-create.json");
        Map<String, String> headers = headers(body, "orders/updated");
        headers.put("x-shopify-triggered-at", "yesterday");

        WebhookOutcome outcome = connector.receive(webhook(body, headers), context);

        assertThat(outcome.events().getFirst().occurredAt()).isEqualTo(Instant.parse("2026-05-24T08:11:12Z"));
    }

    @Test
    void takesOccurredAtFromReceipt_whenNoTimeIsGiven() throws Exception {
        byte[] body = "{\"id\": 450789469}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = headers(body, "orders/paid");
        headers.remove("x-shopify-triggered-at");

        WebhookOutcome outcome = connector.receive(webhook(body, headers), context);

        assertThat(outcome.events().getFirst().occurredAt()).isEqualTo(NOW);
        assertThat(JSON.writeValueAsString(outcome.events().getFirst().payload())).isEqualTo("""
                {"orderId":"450789469","customer":{},"lineItems":[],"shopName":"my-shop.myshopify.com",\
                "cashOnDelivery":false}""");
    }

    static void assertRejected(InboundWebhook webhook, Reason reason, String message) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> new ShopifyConnector().receive(webhook,
                        FakeContext.of(new ShopifySettings(SECRET, SHOP, "US"), NOW)));
        assertThat(rejection).as("expected a WebhookRejection").isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).isEqualTo(message);
    }

    /** A delivery signed with {@link #SECRET} from {@link #SHOP}, with every header Shopify sends. */
    static InboundWebhook signed(byte[] body, String topic) {
        return webhook(body, headers(body, topic));
    }

    static Map<String, String> headers(byte[] body, String topic) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-shopify-topic", topic);
        headers.put("x-shopify-hmac-sha256", Hmac.base64(Hmac.sha256(SECRET, body)));
        headers.put("x-shopify-shop-domain", SHOP);
        headers.put("x-shopify-api-version", "2025-07");
        headers.put("x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        headers.put("x-shopify-event-id", "98880550-7158-44d4-b7cd-2c97c8a091b5");
        headers.put("x-shopify-triggered-at", "2026-05-24T08:11:13.123456789Z");
        return headers;
    }

    static InboundWebhook webhook(byte[] body, Map<String, String> headers) {
        Map<String, String> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        return new InboundWebhook("t1", "shopify", lowerCased, Map.of(), body, NOW);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ShopifyConnectorTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        // test compilation writes an empty index of its own, so read every one on the class path
        StringBuilder indexes = new StringBuilder();
        for (URL index : Collections.list(ShopifyConnectorTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).as("extensions.idx written by PF4J's annotation processor")
                .contains(ShopifyConnector.class.getName());
    }
}
