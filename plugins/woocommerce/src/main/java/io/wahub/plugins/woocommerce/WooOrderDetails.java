package io.wahub.plugins.woocommerce;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import java.math.BigDecimal;

/**
 * The order fields an order's lifecycle needs beyond the packing list (see {@link EventTypes#ORDER_PAYLOAD}): payment
 * method and cash on delivery, the totals, refunds, a shipping address summary without the street, and tracking as
 * the WooCommerce Shipment Tracking extension stores it (order meta {@code _wc_shipment_tracking_items}).
 */
final class WooOrderDetails {

    /** The order meta key of the WooCommerce Shipment Tracking extension. */
    static final String TRACKING_META = "_wc_shipment_tracking_items";

    private WooOrderDetails() {
    }

    static void add(ObjectNode payload, JsonNode order) {
        String method = text(order.get("payment_method"));
        if (method != null) {
            payload.put("paymentMethod", method);
        }
        payload.put("cashOnDelivery", "cod".equals(method));
        put(payload, "subtotal", subtotal(order.path("line_items")));
        put(payload, "shippingTotal", text(order.get("shipping_total")));
        put(payload, "taxTotal", text(order.get("total_tax")));
        BigDecimal refunded = null;
        for (JsonNode refund : order.path("refunds")) {
            String total = text(refund.get("total"));
            if (total != null) {
                refunded = (refunded == null ? BigDecimal.ZERO : refunded).add(new BigDecimal(total).abs());
            }
        }
        put(payload, "refundedTotal", refunded == null ? null : refunded.toPlainString());
        JsonNode shipping = order.path("shipping");
        String city = text(shipping.get("city"));
        if (city != null) {
            ObjectNode summary = payload.putObject("shippingAddress");
            String first = text(shipping.get("first_name"));
            String last = text(shipping.get("last_name"));
            String name = first == null ? last : last == null ? first : first + " " + last;
            put(summary, "name", name);
            summary.put("city", city);
            put(summary, "postcode", text(shipping.get("postcode")));
            put(summary, "country", text(shipping.get("country")));
        }
        for (JsonNode meta : order.path("meta_data")) {
            if (TRACKING_META.equals(text(meta.get("key"))) && meta.path("value").isArray()
                    && !meta.path("value").isEmpty()) {
                JsonNode item = meta.path("value").get(meta.path("value").size() - 1);
                String number = text(item.get("tracking_number"));
                if (number != null) {
                    ObjectNode tracking = payload.putObject("tracking");
                    String provider = text(item.get("custom_tracking_provider"));
                    put(tracking, "carrier", provider != null ? provider : text(item.get("tracking_provider")));
                    tracking.put("number", number);
                    put(tracking, "url", text(item.get("custom_tracking_link")));
                }
            }
        }
    }

    /** The line items' subtotals added up (before discounts, without tax), as WooCommerce shows the subtotal. */
    private static String subtotal(JsonNode items) {
        BigDecimal sum = null;
        for (JsonNode item : items) {
            String value = text(item.get("subtotal"));
            if (value != null) {
                sum = (sum == null ? BigDecimal.ZERO : sum).add(new BigDecimal(value));
            }
        }
        return sum == null ? null : sum.toPlainString();
    }

    private static void put(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }
}
