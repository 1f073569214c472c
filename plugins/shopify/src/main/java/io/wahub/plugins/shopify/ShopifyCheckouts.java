package io.wahub.plugins.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;

/**
 * Maps a Shopify REST {@code Checkout} (the body of {@code checkouts/create}) to the payload documented on
 * {@link EventTypes#CHECKOUT_PAYLOAD}, for abandoned-cart reminders: who, what, and the link back to the cart.
 */
final class ShopifyCheckouts {

    private ShopifyCheckouts() {
    }

    static ObjectNode normalise(JsonNode checkout, String shopDomain, String defaultCountry) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ShopifyOrders.putText(payload, "checkoutId", checkout.get("id"));
        ShopifyOrders.putText(payload, "checkoutToken", checkout.get("token"));
        ShopifyOrders.putText(payload, "recoveryUrl", checkout.get("abandoned_checkout_url"));
        ShopifyOrders.putText(payload, "currency", checkout.get("currency"));
        ShopifyOrders.putText(payload, "total", checkout.get("total_price"));
        payload.set("customer", ShopifyOrders.customer(checkout, defaultCountry));
        payload.set("lineItems", ShopifyOrders.lineItems(checkout.path("line_items")));
        payload.put("shopName", shopDomain);
        return payload;
    }
}
