package io.wahub.plugins.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;

/**
 * Maps a Shopify REST {@code Fulfillment} (the body of {@code fulfillments/create}) to the payload documented on
 * {@link EventTypes#FULFILLMENT_PAYLOAD}: the carrier, tracking number and URL a shipping notice needs.
 */
final class ShopifyFulfillments {

    private ShopifyFulfillments() {
    }

    static ObjectNode normalise(JsonNode fulfillment, String shopDomain, String defaultCountry) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ShopifyOrders.putText(payload, "fulfillmentId", fulfillment.get("id"));
        ShopifyOrders.putText(payload, "orderId", fulfillment.get("order_id"));
        String name = Json.text(fulfillment.get("name"));
        if (name != null && name.contains(".")) {
            payload.put("orderNumber", name.substring(0, name.lastIndexOf('.')));
        }
        ShopifyOrders.putText(payload, "status", fulfillment.get("status"));
        ShopifyOrders.putText(payload, "shipmentStatus", fulfillment.get("shipment_status"));
        ShopifyOrders.putText(payload, "carrier", fulfillment.get("tracking_company"));
        putFirst(payload, "trackingNumber", fulfillment.get("tracking_number"),
                fulfillment.path("tracking_numbers").get(0));
        putFirst(payload, "trackingUrl", fulfillment.get("tracking_url"), fulfillment.path("tracking_urls").get(0));
        JsonNode destination = fulfillment.path("destination");
        ObjectNode customer = payload.putObject("customer");
        ShopifyOrders.putText(customer, "firstName", destination.get("first_name"));
        ShopifyOrders.putText(customer, "lastName", destination.get("last_name"));
        ShopifyOrders.putText(customer, "email", fulfillment.get("email"));
        String country = Json.text(destination.get("country_code"));
        PhoneNumbers.toE164(Json.text(destination.get("phone")), country == null ? defaultCountry : country)
                .ifPresent(phone -> customer.put("phone", phone));
        payload.set("lineItems", ShopifyOrders.lineItems(fulfillment.path("line_items")));
        payload.put("shopName", shopDomain);
        return payload;
    }

    private static void putFirst(ObjectNode target, String field, JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = Json.text(node);
            if (value != null) {
                target.put(field, value);
                return;
            }
        }
    }
}
