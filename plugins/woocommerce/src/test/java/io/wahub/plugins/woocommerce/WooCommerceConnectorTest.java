package io.wahub.plugins.woocommerce;

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
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WooCommerceConnectorTest {

    static final String SECRET = "wc_webhook_secret_1";
    static final String STORE = "https://shop.example.com/";
    static final Instant NOW = Instant.parse("2026-05-24T08:14:03Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final WooCommerceConnector connector = new WooCommerceConnector();
    final FakeContext context = FakeContext.of(new WooCommerceSettings(SECRET, STORE, "US", null, null), NOW);

    @Test
    void acceptsSignedOrderCreated_asOrderCreatedPlusOrderPaidForAProcessingOrder() throws Exception {
        WebhookOutcome outcome = connector.receive(signed(fixture(), "order.created"), context);

        assertThat(outcome.events()).extracting(CanonicalEvent::type).containsExactly("order.created", "order.paid");
        CanonicalEvent created = outcome.events().getFirst();
        assertThat(created.source()).isEqualTo("woocommerce");
        assertThat(created.deliveryId()).isEqualTo("order-727:created");
        assertThat(created.occurredAt()).isEqualTo(Instant.parse("2026-05-24T08:14:02Z"));
        assertThat(outcome.events().get(1).deliveryId()).isEqualTo("order-727:processing");
        assertThat(JSON.writeValueAsString(created.payload())).isEqualTo("""
                {"orderId":"727","orderNumber":"#727","status":"processing","currency":"EUR","total":"29.35",\
                "customer":{"firstName":"John","lastName":"Doe","email":"john.doe@example.com",\
                "phone":"+4915112345678"},"lineItems":[{"sku":"WOO-SINGLE-1","title":"Woo Single #1","quantity":2,\
                "price":"3.00"},{"title":"Ship Your Idea &ndash; Color: Black, Size: M Test","quantity":1,\
                "price":"12.00"}],"shopName":"shop.example.com","paymentMethod":"bacs","cashOnDelivery":false,\
                "subtotal":"18.00","shippingTotal":"10.00","taxTotal":"1.35",\
                "shippingAddress":{"name":"John Doe","city":"Berlin","postcode":"10115","country":"DE"}}""");
    }

    @Test
    void shipmentTrackingMetaAndRefunds_becomeTrackingAndRefundedTotal_andCodIsCashOnDelivery() throws Exception {
        byte[] body = fixtureText().replace("\"status\":\"processing\"", "\"status\":\"refunded\"")
                .replace("\"payment_method\":\"bacs\"", "\"payment_method\":\"cod\"")
                .replace("\"meta_data\":[],\"line_items\"", "\"meta_data\":[{\"id\":9,\"key\":\"_wc_shipment_tracking_items\","
                        + "\"value\":[{\"tracking_provider\":\"dhl\",\"custom_tracking_provider\":\"\","
                        + "\"custom_tracking_link\":\"\",\"tracking_number\":\"00340434\"}]}],\"line_items\"")
                .replace("\"refunds\":[]", "\"refunds\":[{\"id\":730,\"reason\":\"\",\"total\":\"-10.00\"}]")
                .getBytes(StandardCharsets.UTF_8);

        CanonicalEvent refunded = connector.receive(signed(body, "order.updated"), context).events().get(1);

        assertThat(refunded.type()).isEqualTo("order.refunded");
        assertThat(refunded.payload().get("paymentMethod").asText()).isEqualTo("cod");
        assertThat(refunded.payload().get("cashOnDelivery").asBoolean()).isTrue();
        assertThat(refunded.payload().get("refundedTotal").asText()).isEqualTo("10.00");
        assertThat(JSON.writeValueAsString(refunded.payload().get("tracking")))
                .isEqualTo("{\"carrier\":\"dhl\",\"number\":\"00340434\"}");
    }

    @ParameterizedTest
    @CsvSource({
        "pending, order.updated, ''",
        "on-hold, order.updated, ''",
        "processing, order.updated, order.paid",
        "completed, order.updated, order.fulfilled",
        "cancelled, order.updated, order.cancelled",
        "refunded, order.updated, order.refunded",
        "delivered, order.updated, order.delivered",
        "failed, order.updated, ''"})
    void mapsStatusOfUpdatedOrder_toStatusEvent(String status, String first, String second) throws Exception {
        byte[] body = fixtureText().replace("\"status\":\"processing\"", "\"status\":\"" + status + "\"")
                .getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = connector.receive(signed(body, "order.updated"), context);

        if (second.isEmpty()) {
            assertThat(outcome.events()).extracting(CanonicalEvent::type).containsExactly(first);
        } else {
            assertThat(outcome.events()).extracting(CanonicalEvent::type).containsExactly(first, second);
            assertThat(outcome.events().get(1).deliveryId()).isEqualTo("order-727:" + status);
        }
    }

    @Test
    void sameOrderEditedLater_getsANewUpdateKeyButTheSamePaidKey() throws Exception {
        byte[] later = fixtureText().replace("\"date_modified_gmt\":\"2026-05-24T08:14:02\"",
                "\"date_modified_gmt\":\"2026-05-24T09:00:00\"").getBytes(StandardCharsets.UTF_8);

        WebhookOutcome first = connector.receive(signed(fixture(), "order.updated"), context);
        WebhookOutcome second = connector.receive(signed(later, "order.updated"), context);

        assertThat(second.events().getFirst().deliveryId()).isNotEqualTo(first.events().getFirst().deliveryId());
        assertThat(second.events().get(1).deliveryId()).isEqualTo(first.events().get(1).deliveryId());
    }

    @Test
    void redeliveredIdenticalSnapshotWithNewDeliveryId_hasTheSameKeys() throws Exception {
        Map<String, String> again = headers(fixture(), "order.updated");
        again.put("x-wc-webhook-delivery-id", "another-delivery-id");

        WebhookOutcome first = connector.receive(signed(fixture(), "order.updated"), context);
        WebhookOutcome second = connector.receive(webhook(fixture(), again), context);

        assertThat(second.events()).extracting(CanonicalEvent::deliveryId)
                .isEqualTo(first.events().stream().map(CanonicalEvent::deliveryId).toList());
    }

    @Test
    void answersUnsignedCreationPing_withoutEvents() throws Exception {
        byte[] body = "webhook_id=15".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded");

        WebhookOutcome outcome = connector.receive(webhook(body, headers), context);

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.note()).isEqualTo("ping webhook_id=15 acknowledged");
    }

    @Test
    void rejectsWrongSignature() throws Exception {
        Map<String, String> headers = headers(fixture(), "order.created");
        headers.put("x-wc-webhook-signature", Hmac.base64(Hmac.sha256("other", fixture())));

        assertRejected(webhook(fixture(), headers), Reason.BAD_SIGNATURE,
                "X-WC-Webhook-Signature does not match the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsMissingSignatureOnAnOrder() throws Exception {
        Map<String, String> headers = headers(fixture(), "order.created");
        headers.remove("x-wc-webhook-signature");

        assertRejected(webhook(fixture(), headers), Reason.BAD_SIGNATURE, "X-WC-Webhook-Signature header is missing");
    }

    @Test
    void rejectsSignedPingLookalikeWithBadSignature() {
        byte[] body = "webhook_id=15".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = headers(body, "order.created");
        headers.put("x-wc-webhook-signature", "AAAA");

        assertRejected(webhook(body, headers), Reason.BAD_SIGNATURE,
                "X-WC-Webhook-Signature does not match the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsForeignStore() throws Exception {
        Map<String, String> headers = headers(fixture(), "order.created");
        headers.put("x-wc-webhook-source", "https://evil.example.net/");

        assertRejected(webhook(fixture(), headers), Reason.FOREIGN_SOURCE, "X-WC-Webhook-Source"
                + " https://evil.example.net/ is not the store in the storeUrl setting (https://shop.example.com/)");
    }

    @Test
    void acceptsStoreUrl_withoutTrailingSlashAndInAnyCase() throws Exception {
        Map<String, String> headers = headers(fixture(), "order.created");
        headers.put("x-wc-webhook-source", "https://Shop.Example.com");

        assertThat(connector.receive(webhook(fixture(), headers), context).events()).hasSize(2);
    }

    @Test
    void rejectsMissingSource() throws Exception {
        Map<String, String> headers = headers(fixture(), "order.created");
        headers.remove("x-wc-webhook-source");

        assertRejected(webhook(fixture(), headers), Reason.FOREIGN_SOURCE, "X-WC-Webhook-Source header is missing");
    }

    @Test
    void rejectsMalformedJson() {
        assertRejected(signed("{\"id\": 727,".getBytes(StandardCharsets.UTF_8), "order.created"), Reason.MALFORMED,
                "body of order.created is not valid JSON (line 1, column 12)");
    }

    @Test
    void rejectsOrderWithoutModificationTime() {
        assertRejected(signed("{\"id\": 727}".getBytes(StandardCharsets.UTF_8), "order.updated"), Reason.MALFORMED,
                "order 727 has no readable date_modified_gmt");
    }

    @Test
    void ignoresTopicsNotUsed_likeOrderDeleted() throws Exception {
        WebhookOutcome outcome = connector.receive(signed("{\"id\":727}".getBytes(StandardCharsets.UTF_8),
                "order.deleted"), context);

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.note()).isEqualTo("topic order.deleted is not used");
    }

    @Test
    void rejectsTenantWithoutSettings() throws Exception {
        FakeContext unconfigured = new FakeContext("t9", null, Clock.fixed(NOW, ZoneOffset.UTC));

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> connector.receive(signed(fixture(), "order.created"), unconfigured));

        assertThat(rejection.reason()).isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        StringBuilder indexes = new StringBuilder();
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).contains(WooCommerceConnector.class.getName());
    }

    void assertRejected(InboundWebhook webhook, Reason reason, String message) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> connector.receive(webhook, context));
        assertThat(rejection).as("expected a WebhookRejection").isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).isEqualTo(message);
    }

    static FakeContext contextWithSecret() {
        return FakeContext.of(new WooCommerceSettings(SECRET, STORE, "US", null, null), NOW);
    }

    static InboundWebhook signed(byte[] body, String topic) {
        return webhook(body, headers(body, topic));
    }

    /** Every header WooCommerce 9 sends with an order webhook. */
    static Map<String, String> headers(byte[] body, String topic) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "WooCommerce/9.8.5 Hookshot (WordPress/6.8.1)");
        headers.put("x-wc-webhook-source", STORE);
        headers.put("x-wc-webhook-topic", topic);
        headers.put("x-wc-webhook-resource", topic.substring(0, topic.indexOf('.')));
        headers.put("x-wc-webhook-event", topic.substring(topic.indexOf('.') + 1));
        headers.put("x-wc-webhook-signature", Hmac.base64(Hmac.sha256(SECRET, body)));
        headers.put("x-wc-webhook-id", "15");
        headers.put("x-wc-webhook-delivery-id", "8f1c2d0e4b5a69788695a4b3c2d1e0f9");
        return headers;
    }

    static InboundWebhook webhook(byte[] body, Map<String, String> headers) {
        Map<String, String> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        return new InboundWebhook("t1", "woocommerce", lowerCased, Map.of(), body, NOW);
    }

    @Test
    void codOrder_isMarkedCashOnDelivery_withItsPaymentMethod() throws Exception {
        byte[] cod = fixtureText().replace("\"payment_method\":\"bacs\"", "\"payment_method\":\"cod\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        CanonicalEvent created = connector.receive(signed(cod, "order.created"), context).events().getFirst();

        assertThat(created.payload().get("paymentMethod").asText()).isEqualTo("cod");
        assertThat(created.payload().get("cashOnDelivery").asBoolean()).isTrue();
    }

    static String fixtureText() throws IOException {
        return new String(fixture(), StandardCharsets.UTF_8);
    }

    static byte[] fixture() throws IOException {
        try (InputStream in = WooCommerceConnectorTest.class.getResourceAsStream("/order-processing.json")) {
            return in.readAllBytes();
        }
    }
}
