package io.wahub.plugins.shopify;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The order fields an order's lifecycle needs beyond the packing list (see {@link EventTypes#ORDER_PAYLOAD}):
 * statuses, payment method and cash on delivery, the totals, a shipping address summary without the street, and the
 * latest fulfillment's tracking.
 */
final class ShopifyOrderDetails {

    private ShopifyOrderDetails() {
    }

    static void add(ObjectNode payload, JsonNode order) {
        ShopifyOrders.putText(payload, "financialStatus", order.get("financial_status"));
        ShopifyOrders.putText(payload, "fulfillmentStatus", order.get("fulfillment_status"));
        List<String> gateways = new ArrayList<>();
        order.path("payment_gateway_names").forEach(name -> {
            String value = text(name);
            if (value != null) {
                gateways.add(value);
            }
        });
        if (!gateways.isEmpty()) {
            payload.put("paymentMethod", String.join(", ", gateways));
        }
        payload.put("cashOnDelivery", gateways.stream().map(g -> g.toLowerCase(Locale.ROOT))
                .anyMatch(g -> g.contains("cash on delivery") || g.equals("cod")));
        ShopifyOrders.putText(payload, "subtotal", order.get("subtotal_price"));
        ShopifyOrders.putText(payload, "shippingTotal", order.path("total_shipping_price_set").path("shop_money")
                .get("amount"));
        ShopifyOrders.putText(payload, "taxTotal", order.get("total_tax"));
        refunded(order.path("refunds")).ifPresent(total -> payload.put("refundedTotal", total));
        JsonNode address = order.path("shipping_address");
        if (address.isObject()) {
            ObjectNode summary = payload.putObject("shippingAddress");
            ShopifyOrders.putText(summary, "name", address.get("name"));
            ShopifyOrders.putText(summary, "city", address.get("city"));
            ShopifyOrders.putText(summary, "postcode", address.get("zip"));
            ShopifyOrders.putText(summary, "country", address.get("country_code"));
        }
        JsonNode fulfillments = order.path("fulfillments");
        for (int i = fulfillments.size() - 1; i >= 0; i--) {
            JsonNode f = fulfillments.get(i);
            String number = first(f.get("tracking_number"), f.path("tracking_numbers").get(0));
            if (number != null) {
                ObjectNode tracking = payload.putObject("tracking");
                ShopifyOrders.putText(tracking, "carrier", f.get("tracking_company"));
                tracking.put("number", number);
                String url = first(f.get("tracking_url"), f.path("tracking_urls").get(0));
                if (url != null) {
                    tracking.put("url", url);
                }
                break;
            }
        }
    }

    /** The sum of the refunds' successful refund transactions, as a decimal; empty when there is none. */
    static java.util.Optional<String> refunded(JsonNode refunds) {
        BigDecimal total = null;
        for (JsonNode refund : refunds) {
            for (JsonNode transaction : refund.path("transactions")) {
                String amount = text(transaction.get("amount"));
                if ("refund".equals(text(transaction.get("kind"))) && "success".equals(text(transaction.get("status")))
                        && amount != null) {
                    total = (total == null ? BigDecimal.ZERO : total).add(new BigDecimal(amount));
                }
            }
        }
        return java.util.Optional.ofNullable(total).map(BigDecimal::toPlainString);
    }

    private static String first(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = text(node);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
