package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * WooCommerce orders and Stripe refunds through the real path (signed webhook → connector plugin → inbox → orders
 * plugin → Cloud API on WireMock): each message's exact Cloud API body, inside and outside the customer's window,
 * and amounts written with their currency's decimals (KWD: three).
 */
class WooAndStripeOrderNotificationsTest extends OrderNotificationsTestBase {

    private static final String TRACKING_META = """
            "meta_data":[{"id":9,"key":"_wc_shipment_tracking_items","value":[{"tracking_provider":"",\
            "custom_tracking_provider":"DPD","custom_tracking_link":"https://tracking.dpd.de/status/de_DE/parcel/0034",\
            "tracking_number":"0034","date_shipped":"1779609600"}]}],"line_items\"""";

    static String wooOrder(String status) {
        return fixture("/woocommerce/order-processing.json").replace("\"status\":\"processing\"",
                "\"status\":\"" + status + "\"");
    }

    static String modified(String order, String when) {
        return order.replace("\"date_modified_gmt\":\"2026-05-24T08:14:02\"", "\"date_modified_gmt\":\"" + when + "\"");
    }

    @Test
    void orderCompletedWithShipmentTracking_customerWhoWroteToday_getsShippedTextWithCarrierAndLink() {
        String tenant = ordersTenant("woo-shipped");
        customerWroteIn(tenant, PHONE);
        woo(tenant, "order.created", wooOrder("processing"));
        ordersWhenDone(tenant);

        woo(tenant, "order.updated", modified(wooOrder("completed"), "2026-05-25T08:00:00")
                .replace("\"meta_data\":[],\"line_items\"", TRACKING_META));
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly(text("Hi John, your order #727 is on its way!\n\nCarrier: DPD\nTracking number: 0034\n"
                + "Track it: https://tracking.dpd.de/status/de_DE/parcel/0034"), 1);
        assertThat(orders.get(0).get("status").asText()).isEqualTo("shipped");
        assertThat(orders.get(0).get("paymentMethod").asText()).isEqualTo("bacs");
        assertThat(orders.get(0).get("shippingAddress").asText()).isEqualTo("John Doe, 10115 Berlin, DE");
    }

    @Test
    void orderCompleted_customerWhoNeverWrote_getsTheShippedTemplateWithDashesForMissingTracking() {
        String tenant = ordersTenant("woo-shipped-tpl");

        woo(tenant, "order.created", modified(wooOrder("completed"), "2026-05-25T08:00:00"));

        sentExactly("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_shipped","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"customer_name","text":"John"},
                   {"type":"text","parameter_name":"order_number","text":"#727"},
                   {"type":"text","parameter_name":"carrier","text":"-"},
                   {"type":"text","parameter_name":"tracking_number","text":"-"},
                   {"type":"text","parameter_name":"tracking_url","text":"-"}]}]}}""", 1);
    }

    @Test
    void orderDelivered_customerWhoWroteToday_getsDeliveredText() {
        String tenant = ordersTenant("woo-delivered");
        customerWroteIn(tenant, PHONE);

        woo(tenant, "order.updated", modified(wooOrder("delivered"), "2026-05-26T08:00:00"));

        sentExactly(text("Hi John, your order #727 has been delivered. Enjoy!"), 1);
    }

    @Test
    void orderCancelled_customerWhoWroteToday_getsCancelledText() {
        String tenant = ordersTenant("woo-cancelled");
        customerWroteIn(tenant, PHONE);

        woo(tenant, "order.updated", modified(wooOrder("cancelled"), "2026-05-26T08:00:00"));

        sentExactly(text("Hi John, your order #727 has been cancelled. If you did not ask for this, just reply to"
                + " this message."), 1);
    }

    @Test
    void orderRefundedInKuwaitiDinars_customerWhoNeverWrote_getsRefundedTemplateWithThreeDecimals() {
        String tenant = ordersTenant("woo-kwd");

        woo(tenant, "order.updated", modified(wooOrder("refunded"), "2026-05-26T08:00:00")
                .replace("\"currency\":\"EUR\"", "\"currency\":\"KWD\"").replace("\"total\":\"29.35\"",
                        "\"total\":\"12.5\"").replace("\"refunds\":[]",
                        "\"refunds\":[{\"id\":730,\"reason\":\"\",\"total\":\"-12.500\"}]"));
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_refunded","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"customer_name","text":"John"},
                   {"type":"text","parameter_name":"amount","text":"KWD\u00a012.500"},
                   {"type":"text","parameter_name":"order_number","text":"#727"}]}]}}""", 1);
        assertThat(orders.get(0).get("totalMinor").asLong()).isEqualTo(12500);
        assertThat(orders.get(0).get("total").asText()).isEqualTo("KWD\u00a012.500");
        assertThat(orders.get(0).get("status").asText()).isEqualTo("refunded");
    }

    @Test
    void stripeChargeRefundedForAStoredShopifyOrder_customerWhoWroteToday_getsRefundedTextWithTheAmount() {
        String tenant = ordersTenant("stripe-refund");
        customerWroteIn(tenant, PHONE);
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);

        stripe(tenant, fixture("/stripe/charge-refunded.json"));
        JsonNode orders = ordersWhenDone(tenant);

        sentExactly(text("Hi Jon, we have refunded €10.00 for your order #1001. It can take a few days to show on"
                + " your statement."), 1);
        assertThat(orders.get(0).get("refundedMinor").asLong()).isEqualTo(1000);
    }
}
