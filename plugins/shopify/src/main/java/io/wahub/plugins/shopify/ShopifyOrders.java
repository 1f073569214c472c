package io.wahub.plugins.shopify;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;
import io.wahub.sdk.WebhookJson;
import java.util.Optional;

/**
 * Maps a Shopify REST {@code Order} (the body of the {@code orders/*} webhooks) to the canonical order payload
 * documented on {@link EventTypes#ORDER_PAYLOAD}. Fields Shopify leaves empty are omitted, never written as null.
 */
final class ShopifyOrders {

    /**
     * What {@link #normalise} and {@link ShopifyConnector} read of an order: the only fields built from the body (an
     * order is several kilobytes, mostly prices in two currencies, taxes and discounts that Wahub never reads).
     */
    static final WebhookJson.Fields READ = WebhookJson.fields("id", "name", "currency", "total_price", "email",
            "contact_email", "phone", "created_at", "updated_at", "customer", "billing_address", "shipping_address",
            "line_items.sku", "line_items.title", "line_items.variant_title", "line_items.name", "line_items.quantity",
            "line_items.price", "financial_status", "fulfillment_status", "payment_gateway_names", "subtotal_price",
            "total_tax", "total_shipping_price_set", "fulfillments", "refunds");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ShopifyOrders() {
    }

    static ObjectNode normalise(JsonNode order, String shopDomain, String defaultCountry) {
        ObjectNode payload = NODES.objectNode();
        putText(payload, "orderId", order.get("id"));
        putText(payload, "orderNumber", order.get("name"));
        putText(payload, "currency", order.get("currency"));
        putText(payload, "total", order.get("total_price"));
        payload.set("customer", customer(order, defaultCountry));
        payload.set("lineItems", lineItems(order.path("line_items")));
        payload.put("shopName", shopDomain);
        ShopifyOrderDetails.add(payload, order);
        return payload;
    }

    /** Names and email from {@code customer}, falling back to the billing then shipping address (guest orders). */
    static ObjectNode customer(JsonNode order, String defaultCountry) {
        JsonNode customer = order.path("customer");
        JsonNode billing = order.path("billing_address");
        JsonNode shipping = order.path("shipping_address");
        ObjectNode node = NODES.objectNode();
        putFirst(node, "firstName",
                customer.get("first_name"), billing.get("first_name"), shipping.get("first_name"));
        putFirst(node, "lastName", customer.get("last_name"), billing.get("last_name"), shipping.get("last_name"));
        putFirst(node, "email", customer.get("email"), order.get("email"), order.get("contact_email"));
        phone(order, defaultCountry).ifPresent(phone -> node.put("phone", phone));
        return node;
    }

    /**
     * The first number that is valid in E.164, trying {@code customer.phone}, {@code billing_address.phone},
     * {@code shipping_address.phone}, then the order's {@code phone}. A number without a country prefix is read
     * in its address's country, else in {@code defaultCountry}.
     */
    static Optional<String> phone(JsonNode order, String defaultCountry) {
        JsonNode customer = order.path("customer");
        JsonNode billing = order.path("billing_address");
        JsonNode shipping = order.path("shipping_address");
        String customerCountry = first(customer.path("default_address").get("country_code"),
                billing.get("country_code"), shipping.get("country_code"));
        String[][] candidates = {
            {text(customer.get("phone")), customerCountry},
            {text(billing.get("phone")), text(billing.get("country_code"))},
            {text(shipping.get("phone")), text(shipping.get("country_code"))},
            {text(order.get("phone")), first(billing.get("country_code"), shipping.get("country_code"))},
        };
        for (String[] candidate : candidates) {
            String region = candidate[1] == null ? defaultCountry : candidate[1];
            Optional<String> e164 = PhoneNumbers.toE164(candidate[0], region);
            if (e164.isPresent()) {
                return e164;
            }
        }
        return Optional.empty();
    }

    static ArrayNode lineItems(JsonNode items) {
        ArrayNode array = NODES.arrayNode();
        for (JsonNode item : items) {
            ObjectNode line = array.addObject();
            putText(line, "sku", item.get("sku"));
            String title = text(item.get("title"));
            String variant = text(item.get("variant_title"));
            if (title != null && variant != null && !"Default Title".equals(variant)) {
                title = title + " (" + variant + ")";
            }
            if (title == null) {
                title = text(item.get("name"));
            }
            if (title != null) {
                line.put("title", title);
            }
            if (variant != null && !"Default Title".equals(variant)) {
                line.put("variant", variant);
            }
            line.put("quantity", item.path("quantity").asInt(0));
            putText(line, "price", item.get("price"));
        }
        return array;
    }

    private static String first(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String text = text(node);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static void putFirst(ObjectNode target, String field, JsonNode... nodes) {
        String value = first(nodes);
        if (value != null) {
            target.put(field, value);
        }
    }

    static void putText(ObjectNode target, String field, JsonNode node) {
        putFirst(target, field, node);
    }
}
