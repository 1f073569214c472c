package io.wahub.plugins.packinglist;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packing list as a utility template, for a customer outside the 24-hour window (WhatsApp takes only templates
 * then). The plugin ships {@link #DEFAULT} and fills these variables, which a tenant's own template may use:
 * <ul>
 * <li>{@code customer_name}: the first name, or "there";</li>
 * <li>{@code order_number}: {@code #1001};</li>
 * <li>{@code items}: "2 × Shirt, 1 × Mug" (with unit prices when prices are on: "2 × Shirt (19.90 EUR)");</li>
 * <li>{@code total}: "59.80 EUR".</li>
 * </ul>
 * WhatsApp refuses template parameters with line breaks, so items are joined on one line; an absent value becomes
 * "-" (WhatsApp refuses empty parameters too).
 */
final class PackingListTemplate {

    static final Templates.Draft DEFAULT = new Templates.Draft(PackingListSettings.DEFAULT_TEMPLATE,
            PackingListSettings.DEFAULT_LANGUAGE, MessageCategory.UTILITY,
            "Hi {{customer_name}}, thanks for your order {{order_number}}! We are packing: {{items}}."
                    + " Total: {{total}}.",
            Map.of("customer_name", "Jon", "order_number", "#1001", "items", "2 × T-shirt, 1 × Mug",
                    "total", "59.80 EUR"));

    private PackingListTemplate() {
    }

    static Map<String, String> variables(JsonNode order, PackingListSettings settings) {
        String currency = text(order.get("currency"));
        List<String> items = new ArrayList<>();
        for (JsonNode item : order.path("lineItems")) {
            String title = text(item.get("title"));
            String line = item.path("quantity").asInt(1) + " × " + (title == null ? orElse(text(item.get("sku")),
                    "item") : title);
            String price = text(item.get("price"));
            if (settings.includePrices() && price != null) {
                line += " (" + amount(price, currency) + ")";
            }
            items.add(line);
        }
        String total = text(order.get("total"));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("customer_name", orElse(text(order.path("customer").get("firstName")), "there"));
        variables.put("order_number", orElse(text(order.get("orderNumber")), "-"));
        variables.put("items", items.isEmpty() ? "-" : String.join(", ", items));
        variables.put("total", total == null ? "-" : amount(total, currency));
        return variables;
    }

    private static String amount(String value, String currency) {
        return currency == null ? value : value + " " + currency;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value.replaceAll("\\s+", " ");
    }
}
