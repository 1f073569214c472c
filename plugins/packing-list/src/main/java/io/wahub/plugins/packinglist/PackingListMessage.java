package io.wahub.plugins.packinglist;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the packing-list text from a canonical order payload. The format, documented in the plugin's README:
 *
 * <pre>
 * Hi {firstName}, {greeting} {orderNumber}!
 *
 * {quantity} × {title} — {price} {currency}
 * …
 *
 * Total: {total} {currency}
 * </pre>
 *
 * Without a first name the greeting line starts "Hi, ". Without prices the " — {price} {currency}" suffixes and
 * the total line are left out. Absent values are dropped with the space before them; lines are joined with
 * {@code \n} and the text has no trailing newline.
 */
final class PackingListMessage {

    private PackingListMessage() {
    }

    static String render(JsonNode order, PackingListSettings settings) {
        String currency = text(order.get("currency"));
        List<String> blocks = new ArrayList<>();
        blocks.add(firstLine(order, settings.greeting()));

        List<String> items = new ArrayList<>();
        for (JsonNode item : order.path("lineItems")) {
            String title = firstNonNull(text(item.get("title")), text(item.get("sku")), "item");
            String line = item.path("quantity").asInt(1) + " × " + title;
            String price = text(item.get("price"));
            if (settings.includePrices() && price != null) {
                line += " — " + amount(price, currency);
            }
            items.add(line);
        }
        if (!items.isEmpty()) {
            blocks.add(String.join("\n", items));
        }

        String total = text(order.get("total"));
        if (settings.includePrices() && total != null) {
            blocks.add("Total: " + amount(total, currency));
        }
        return String.join("\n\n", blocks);
    }

    private static String firstLine(JsonNode order, String greeting) {
        String firstName = text(order.path("customer").get("firstName"));
        String orderNumber = text(order.get("orderNumber"));
        return (firstName == null ? "Hi, " : "Hi " + firstName + ", ")
                + greeting + (orderNumber == null ? "" : " " + orderNumber) + "!";
    }

    private static String amount(String value, String currency) {
        return currency == null ? value : value + " " + currency;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
