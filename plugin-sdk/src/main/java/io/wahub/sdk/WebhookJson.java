package io.wahub.sdk;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses a webhook body that must be one JSON object, refusing anything else as
 * {@link WebhookRejection.Reason#MALFORMED} with a message that says where it broke. Amounts keep their exact
 * decimal form ({@code 5.00} stays {@code 5.00}) and trailing content after the object is an error.
 */
public final class WebhookJson {

    private static final ObjectMapper JSON = Json.newMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private WebhookJson() {
    }

    /**
     * @param subject how the messages name the body, for example {@code "body"} or {@code "body of orders/create"}
     * @throws WebhookRejection MALFORMED: "{subject} is not valid JSON (line L, column C)", "{subject} is not a JSON
     *                          object", or "{subject} could not be read as JSON"
     */
    public static JsonNode parseObject(byte[] body, String subject) throws WebhookRejection {
        return parseObject(body, subject, null);
    }

    /**
     * {@link #parseObject(byte[], String)} that builds only the given fields: the whole body is still checked, but
     * what the connector does not read is skipped rather than turned into nodes. Worth it for large bodies of which
     * a connector reads a little, such as a Shopify order.
     *
     * @param fields the fields to keep, from {@link #fields}
     */
    public static JsonNode parseObject(byte[] body, String subject, Fields fields) throws WebhookRejection {
        JsonNode node;
        try (JsonParser parser = fields == null ? JSON.createParser(body)
                : new FilteringParserDelegate(JSON.createParser(body), fields,
                        TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            node = JSON.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new WebhookRejection(WebhookRejection.Reason.MALFORMED, subject + " is not valid JSON" + where);
        } catch (IOException e) {
            throw new WebhookRejection(WebhookRejection.Reason.MALFORMED, subject + " could not be read as JSON");
        }
        if (node == null || !node.isObject()) {
            throw new WebhookRejection(WebhookRejection.Reason.MALFORMED, subject + " is not a JSON object");
        }
        return node;
    }

    /**
     * The fields of a body to keep, each a path of field names from the top object separated by dots:
     * {@code "customer"} keeps the customer object whole, {@code "customer.phone"} only its phone. Arrays are looked
     * through, so {@code "line_items.sku"} keeps the {@code sku} of every line item. Objects and arrays on the way
     * to a kept field are kept (with only that field in them); every other field is left out.
     */
    public static Fields fields(String... paths) {
        Fields root = new Fields();
        for (String path : paths) {
            Fields at = root;
            for (String name : path.split("\\.")) {
                at = at.children.computeIfAbsent(name, ignored -> new Fields());
            }
        }
        return root;
    }

    /** Which fields {@link #parseObject(byte[], String, Fields)} keeps; made by {@link #fields}. */
    public static final class Fields extends TokenFilter {

        /** The kept fields inside this one; none means this field is kept whole. */
        private final Map<String, Fields> children = new HashMap<>();

        private Fields() {
        }

        @Override
        public TokenFilter includeProperty(String name) {
            Fields child = children.get(name);
            if (child == null) {
                return null;
            }
            return child.children.isEmpty() ? TokenFilter.INCLUDE_ALL : child;
        }

        /** Every element of an array is filtered as the array's field would be. */
        @Override
        public TokenFilter includeElement(int index) {
            return this;
        }

        /** An object or array is kept even when none of the wanted fields is in it (so {@code {}} stays an object). */
        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
            return true;
        }

        @Override
        public boolean includeEmptyArray(boolean contentsFiltered) {
            return true;
        }
    }
}
