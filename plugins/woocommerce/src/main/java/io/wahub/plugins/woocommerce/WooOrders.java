package io.wahub.plugins.woocommerce;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Maps a WooCommerce REST API v3 order (the body of the {@code order.*} webhooks) to the canonical order payload
 * documented on {@link EventTypes#ORDER_PAYLOAD}.
 */
final class WooOrders {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WooOrders() {
    }

    static ObjectNode normalise(JsonNode order, String shopName, String defaultCountry) {
        ObjectNode payload = NODES.objectNode();
        putText(payload, "orderId", order.get("id"));
        String number = text(order.get("number"));
        if (number != null) {
            payload.put("orderNumber", "#" + number);
        }
        putText(payload, "status", order.get("status"));
        putText(payload, "currency", order.get("currency"));
        putText(payload, "total", order.get("total"));
        payload.set("customer", customer(order, defaultCountry));
        payload.set("lineItems", lineItems(order.path("line_items")));
        payload.put("shopName", shopName);
        WooOrderDetails.add(payload, order);
        return payload;
    }

    private static ObjectNode customer(JsonNode order, String defaultCountry) {
        JsonNode billing = order.path("billing");
        JsonNode shipping = order.path("shipping");
        ObjectNode node = NODES.objectNode();
        putFirst(node, "firstName", billing.get("first_name"), shipping.get("first_name"));
        putFirst(node, "lastName", billing.get("last_name"), shipping.get("last_name"));
        putFirst(node, "email", billing.get("email"));
        phone(order, defaultCountry).ifPresent(phone -> node.put("phone", phone));
        return node;
    }

    /** {@code billing.phone} read in the billing country, else {@code shipping.phone} in the shipping country. */
    static Optional<String> phone(JsonNode order, String defaultCountry) {
        for (String address : new String[] {"billing", "shipping"}) {
            JsonNode node = order.path(address);
            String country = text(node.get("country"));
            Optional<String> e164 = PhoneNumbers.toE164(text(node.get("phone")),
                    country == null ? defaultCountry : country);
            if (e164.isPresent()) {
                return e164;
            }
        }
        return Optional.empty();
    }

    private static ArrayNode lineItems(JsonNode items) {
        ArrayNode array = NODES.arrayNode();
        for (JsonNode item : items) {
            ObjectNode line = array.addObject();
            putText(line, "sku", item.get("sku"));
            putText(line, "title", item.get("name"));
            line.put("quantity", item.path("quantity").asInt(0));
            putText(line, "price", item.get("price"));
        }
        return array;
    }

    /**
     * The order's last modification as an instant: {@code date_modified_gmt} (UTC without offset, as WooCommerce
     * writes it), else {@code date_modified} read as UTC; empty when neither is readable.
     */
    static Optional<Instant> modifiedAt(JsonNode order) {
        for (String field : new String[] {"date_modified_gmt", "date_modified"}) {
            String value = text(order.get(field));
            if (value != null) {
                try {
                    return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException ignored) {
                    // try the next field
                }
            }
        }
        return Optional.empty();
    }

    private static void putFirst(ObjectNode target, String field, JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = text(node);
            if (value != null) {
                target.put(field, value);
                return;
            }
        }
    }

    private static void putText(ObjectNode target, String field, JsonNode node) {
        putFirst(target, field, node);
    }
}
