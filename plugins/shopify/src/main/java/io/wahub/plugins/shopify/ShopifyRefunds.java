package io.wahub.plugins.shopify;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import java.util.List;

/**
 * Maps a Shopify REST {@code Refund} (the body of {@code refunds/create}) to the payload documented on
 * {@link EventTypes#REFUND_PAYLOAD}. A refund names its order by id only: features find the customer through the
 * order they stored.
 */
final class ShopifyRefunds {

    private ShopifyRefunds() {
    }

    static ObjectNode normalise(JsonNode refund, String shopDomain) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ShopifyOrders.putText(payload, "refundId", refund.get("id"));
        ShopifyOrders.putText(payload, "orderId", refund.get("order_id"));
        for (JsonNode transaction : refund.path("transactions")) {
            String currency = text(transaction.get("currency"));
            if (currency != null) {
                payload.put("currency", currency);
                break;
            }
        }
        ShopifyOrderDetails.refunded(JsonNodeFactory.instance.arrayNode().addAll(List.of(refund)))
                .ifPresent(amount -> payload.put("amount", amount));
        ShopifyOrders.putText(payload, "note", refund.get("note"));
        payload.put("shopName", shopDomain);
        return payload;
    }
}
