package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Shopify orders through the real path (signed webhook → shopify plugin → inbox → orders plugin → Cloud API on
 * WireMock): each order message with its exact Cloud API body, as text inside the customer's window and as the
 * shipped utility template outside it; the order as the orders API then shows it.
 */
class ShopifyOrderNotificationsTest extends OrderNotificationsTestBase {

    private static final String TRACKING_URL = "https://www.dhl.com/de-en/home/tracking.html?tracking-id=1234567890";

    @Test
    void fulfillmentCreated_customerWhoWroteToday_getsShippedTextWithCarrierAndLink_andOrdersFulfilledAddsNothing() {
        String tenant = ordersTenant("shp-shipped");
        customerWroteIn(tenant, PHONE);
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);

        shopify(tenant, "fulfillments/create", fulfillment());
        ordersWhenDone(tenant);
        shopify(tenant, "orders/fulfilled", shopifyOrder().replace("\"fulfillments\": []",
                "\"fulfillments\": [" + fulfillment() + "]").replace("\"fulfillment_status\": null,\n  \"landing",
                "\"fulfillment_status\": \"fulfilled\",\n  \"landing"));
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly(text("Hi Jon, your order #1001 is on its way!\n\nCarrier: DHL Express\n"
                + "Tracking number: 1234567890\nTrack it: " + TRACKING_URL), 1);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.get("status").asText()).isEqualTo("shipped");
        assertThat(order.get("fulfillmentStatus").asText()).isEqualTo("fulfilled");
        assertThat(order.get("tracking").toString()).isEqualTo("""
                {"carrier":"DHL Express","number":"1234567890","url":"%s"}""".formatted(TRACKING_URL));
    }

    @Test
    void fulfillmentCreated_customerWhoNeverWrote_getsTheOrderShippedTemplate() {
        String tenant = ordersTenant("shp-shipped-tpl");
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);

        shopify(tenant, "fulfillments/create", fulfillment());

        sentExactly("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_shipped","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"customer_name","text":"Jon"},
                   {"type":"text","parameter_name":"order_number","text":"#1001"},
                   {"type":"text","parameter_name":"carrier","text":"DHL Express"},
                   {"type":"text","parameter_name":"tracking_number","text":"1234567890"},
                   {"type":"text","parameter_name":"tracking_url","text":"%s"}]}]}}""".formatted(TRACKING_URL), 1);
    }

    @Test
    void fulfillmentUpdatedToDelivered_sendsTheDeliveredTemplateOnce_evenWhenUpdatedAgain() {
        String tenant = ordersTenant("shp-delivered");
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);
        shopify(tenant, "fulfillments/create", fulfillment());
        ordersWhenDone(tenant);

        String delivered = fulfillment().replace("\"shipment_status\":null", "\"shipment_status\":\"delivered\"");
        shopify(tenant, "fulfillments/update", delivered.replace("\"updated_at\":\"2026-05-25T09:02:11-04:00\"",
                "\"updated_at\":\"2026-05-27T10:00:00-04:00\""));
        shopify(tenant, "fulfillments/update", delivered.replace("\"updated_at\":\"2026-05-25T09:02:11-04:00\"",
                "\"updated_at\":\"2026-05-27T10:05:00-04:00\""));
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_delivered","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"customer_name","text":"Jon"},
                   {"type":"text","parameter_name":"order_number","text":"#1001"}]}]}}""", 2);
        assertThat(orders.get(0).get("status").asText()).isEqualTo("delivered");
    }

    @Test
    void orderCancelled_customerWhoNeverWrote_getsTheOrderCancelledTemplate() {
        String tenant = ordersTenant("shp-cancelled");
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);

        shopify(tenant, "orders/cancelled", shopifyOrder().replace("\"cancelled_at\": null",
                "\"cancelled_at\": \"2026-05-24T12:00:00+02:00\""));
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_cancelled","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"customer_name","text":"Jon"},
                   {"type":"text","parameter_name":"order_number","text":"#1001"}]}]}}""", 1);
        assertThat(orders.get(0).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void refundCreated_customerWhoWroteToday_getsRefundedTextWithThatRefundsAmount_andTheOrderRecordsIt() {
        String tenant = ordersTenant("shp-refund");
        customerWroteIn(tenant, PHONE);
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);

        shopify(tenant, "refunds/create", """
                {"id":929361463,"order_id":820982911946154508,"created_at":"2026-05-26T10:00:00-04:00",\
                "note":"wrong size","restock":true,"refund_line_items":[],"transactions":[{"id":1,"kind":"refund",\
                "status":"success","amount":"19.99","currency":"EUR","gateway":"bogus"}]}""");
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly(text("Hi Jon, we have refunded €19.99 for your order #1001. It can take a few days to show on"
                + " your statement."), 1);
        assertThat(orders.get(0).get("refundedMinor").asLong()).isEqualTo(1999);
        assertThat(orders.get(0).get("refunded").asText()).isEqualTo("€19.99");
        assertThat(orders.get(0).get("status").asText()).as("a partial refund").isEqualTo("open");
    }

    @Test
    void refundAnnouncedByRefundsCreateAndByTheOrdersUpdate_isCountedOnce_andASecondRefundAddsUp() {
        String tenant = ordersTenant("shp-refund-twice");
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);
        String refund = """
                {"id":929361463,"order_id":820982911946154508,"created_at":"2026-05-26T10:00:00-04:00",\
                "refund_line_items":[],"transactions":[{"id":1,"kind":"refund","status":"success","amount":"19.99",\
                "currency":"EUR","gateway":"bogus"}]}""";

        shopify(tenant, "refunds/create", refund);
        ordersWhenDone(tenant);
        shopify(tenant, "orders/updated", shopifyOrder().replace("\"refunds\": []", "\"refunds\": [" + refund + "]")
                .replace("\"updated_at\": \"2026-05-24T10:11:12+02:00\",\n  \"user_id\"",
                        "\"updated_at\": \"2026-05-26T16:00:00+02:00\",\n  \"user_id\""));
        long afterFirst = ordersWhenDone(tenant).get(0).get("refundedMinor").asLong();
        shopify(tenant, "refunds/create", refund.replace("929361463", "929361464").replace("19.99", "5.00"));
        JsonNode orders = ordersWhenDone(tenant);

        assertThat(afterFirst).isEqualTo(1999);
        assertThat(orders.get(0).get("refundedMinor").asLong()).isEqualTo(2499);
        sentExactly("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_refunded","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"customer_name","text":"Jon"},
                   {"type":"text","parameter_name":"amount","text":"€5.00"},
                   {"type":"text","parameter_name":"order_number","text":"#1001"}]}]}}""", 2);
    }

    @Test
    void cancelledMessageSwitchedOff_orderIsStillRecordedCancelled_butNothingIsSent() {
        String tenant = ordersTenant("shp-off");
        Response saved = put("/api/v1/tenants/" + tenant + "/features/orders", "{\"settings\":{\"cancelled\":false}}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);

        shopify(tenant, "orders/cancelled", shopifyOrder());
        JsonNode orders = ordersWhenDone(tenant);

        assertThat(orders.get(0).get("status").asText()).isEqualTo("cancelled");
        sentNothing();
    }

    private void sentNothing() {
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(800))
                .atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() -> graph.verify(0,
                        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(messagesPath))));
    }
}
