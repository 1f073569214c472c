package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Json;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ready-made campaigns a shop switches on ({@code POST …/presets/{preset}}) and the MARKETING templates they
 * send, shipped with the feature ({@code Feature.templates()}).
 */
final class Presets {

    static final String ABANDONED_CART = "abandoned-cart";
    static final String POST_PURCHASE = "post-purchase";

    private static final String LANGUAGE = "en_US";

    private Presets() {
    }

    static List<Templates.Draft> templates() {
        Map<String, String> cart = Map.of("first_name", "Jon", "cart_url",
                "https://shop.example/checkouts/123/recover?key=abc");
        return List.of(
                new Templates.Draft("abandoned_cart_1", LANGUAGE, MessageCategory.MARKETING,
                        "Hi {{first_name}}, you left something in your cart. It is waiting for you: {{cart_url}}",
                        cart),
                new Templates.Draft("abandoned_cart_2", LANGUAGE, MessageCategory.MARKETING,
                        "Hi {{first_name}}, your cart is still saved, but items sell out. Finish your order: {{cart_url}}",
                        cart),
                new Templates.Draft("abandoned_cart_3", LANGUAGE, MessageCategory.MARKETING,
                        "Last reminder, {{first_name}}: we keep your cart one more day. {{cart_url}}", cart),
                new Templates.Draft("post_purchase_review", LANGUAGE, MessageCategory.MARKETING,
                        "Hi {{first_name}}, how do you like your order {{order_number}}? Reply with a rating from 1"
                                + " to 5, we read every answer.", Map.of("first_name", "Jon", "order_number", "#1001")));
    }

    /** The campaign request of a preset (name, trigger and definition), or null for an unknown preset. */
    static JsonNode request(String preset) {
        String json = switch (preset) {
            case ABANDONED_CART -> """
                    {"name":"Abandoned cart","trigger":"%s","goals":["%s"],
                     "window":{"days":["MON","TUE","WED","THU","FRI","SAT","SUN"],"from":"09:00","to":"20:00"},
                     "reentry":{"policy":"after","days":7},
                     "steps":[
                      {"id":"wait-1h","type":"wait","duration":"PT1H"},
                      {"id":"reminder-1h","type":"send","template":"abandoned_cart_1","language":"en_US",
                       "variables":{"first_name":"{{event.firstName|there}}","cart_url":"{{event.recoveryUrl}}"}},
                      {"id":"wait-24h","type":"wait","duration":"PT23H"},
                      {"id":"reminder-24h","type":"send","template":"abandoned_cart_2","language":"en_US",
                       "variables":{"first_name":"{{event.firstName|there}}","cart_url":"{{event.recoveryUrl}}"}},
                      {"id":"wait-48h","type":"wait","duration":"PT24H"},
                      {"id":"reminder-48h","type":"send","template":"abandoned_cart_3","language":"en_US",
                       "variables":{"first_name":"{{event.firstName|there}}","cart_url":"{{event.recoveryUrl}}"}}]}"""
                    .formatted(EventTypes.CHECKOUT_CREATED, EventTypes.ORDER_CREATED);
            case POST_PURCHASE -> """
                    {"name":"Post-purchase review","trigger":"%s",
                     "window":{"days":["MON","TUE","WED","THU","FRI","SAT","SUN"],"from":"10:00","to":"19:00"},
                     "reentry":{"policy":"after","days":30},
                     "steps":[
                      {"id":"wait-7d","type":"wait","duration":"P7D"},
                      {"id":"review","type":"send","template":"post_purchase_review","language":"en_US",
                       "variables":{"first_name":"{{event.firstName|there}}","order_number":"{{event.orderNumber}}"}}]}"""
                    .formatted(EventTypes.ORDER_FULFILLED);
            default -> null;
        };
        try {
            return json == null ? null : Json.newMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names() {
        return List.copyOf(new TreeMap<>(Map.of(ABANDONED_CART, 1, POST_PURCHASE, 2)).keySet());
    }
}
