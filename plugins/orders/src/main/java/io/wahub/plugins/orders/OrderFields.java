package io.wahub.plugins.orders;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of {@code customer_order} read from a canonical order payload (see the SDK's
 * {@code EventTypes.ORDER_PAYLOAD}): decimal amounts become minor units of the order's currency; a field the
 * payload leaves out is null, so an update keeps what the store said before.
 */
final class OrderFields {

    /** The columns an order payload sets, in {@link Orders#save}'s statement. */
    static final List<String> COLUMNS = List.of("number", "vendor_status", "financial_status", "fulfillment_status",
            "payment_method", "cash_on_delivery", "currency", "total_minor", "subtotal_minor", "shipping_minor",
            "tax_minor", "refunded_minor", "phone", "first_name", "last_name", "email", "shipping_summary", "carrier",
            "tracking_number", "tracking_url", "line_items");

    private OrderFields() {
    }

    static Map<String, Object> of(JsonNode order) {
        String currency = text(order.get("currency"));
        Map<String, Object> fields = new HashMap<>();
        fields.put("number", text(order.get("orderNumber")));
        fields.put("vendor_status", text(order.get("status")));
        fields.put("financial_status", text(order.get("financialStatus")));
        fields.put("fulfillment_status", text(order.get("fulfillmentStatus")));
        fields.put("payment_method", text(order.get("paymentMethod")));
        fields.put("cash_on_delivery", order.has("cashOnDelivery") ? order.get("cashOnDelivery").asBoolean() : null);
        fields.put("currency", currency);
        fields.put("total_minor", minor(order.get("total"), currency));
        fields.put("subtotal_minor", minor(order.get("subtotal"), currency));
        fields.put("shipping_minor", minor(order.get("shippingTotal"), currency));
        fields.put("tax_minor", minor(order.get("taxTotal"), currency));
        fields.put("refunded_minor", minor(order.get("refundedTotal"), currency));
        JsonNode customer = order.path("customer");
        fields.put("phone", text(customer.get("phone")));
        fields.put("first_name", text(customer.get("firstName")));
        fields.put("last_name", text(customer.get("lastName")));
        fields.put("email", text(customer.get("email")));
        fields.put("shipping_summary", summary(order.path("shippingAddress")));
        JsonNode tracking = order.path("tracking");
        fields.put("carrier", text(tracking.get("carrier")));
        fields.put("tracking_number", text(tracking.get("number")));
        fields.put("tracking_url", text(tracking.get("url")));
        fields.put("line_items", order.has("lineItems") ? items(order.path("lineItems"), currency).toString() : null);
        return fields;
    }

    /** Minor units of a decimal amount; null when absent or unreadable (an unknown currency, a malformed number). */
    static Long minor(JsonNode amount, String currency) {
        String value = text(amount);
        if (value == null || currency == null) {
            return null;
        }
        try {
            return Money.toMinor(value, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** "Jon Doe, 10119 Berlin, DE": name, postcode and city, country; no street. */
    private static String summary(JsonNode address) {
        List<String> parts = new ArrayList<>();
        String name = text(address.get("name"));
        String place = String.join(" ", java.util.stream.Stream.of(text(address.get("postcode")),
                text(address.get("city"))).filter(java.util.Objects::nonNull).toList());
        String country = text(address.get("country"));
        for (String part : new String[] {name, place.isEmpty() ? null : place, country}) {
            if (part != null) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static ArrayNode items(JsonNode lineItems, String currency) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (JsonNode line : lineItems) {
            ObjectNode item = items.addObject();
            String title = text(line.get("title"));
            item.put("title", title == null ? text(line.get("sku")) : title);
            String variant = text(line.get("variant"));
            if (variant != null) {
                item.put("variant", variant);
            }
            item.put("quantity", line.path("quantity").asInt(1));
            Long price = minor(line.get("price"), currency);
            if (price != null) {
                item.put("priceMinor", price);
            }
        }
        return items;
    }
}
