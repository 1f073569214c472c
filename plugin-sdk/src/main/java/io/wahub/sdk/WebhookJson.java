package io.wahub.sdk;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;

/**
 * Parses a webhook body that must be one JSON object, refusing anything else as
 * {@link WebhookRejection.Reason#MALFORMED} with a message that says where it broke. Amounts keep their exact
 * decimal form ({@code 5.00} stays {@code 5.00}) and trailing content after the object is an error.
 */
public final class WebhookJson {

    private static final ObjectMapper JSON = new ObjectMapper()
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
        JsonNode node;
        try {
            node = JSON.readTree(body);
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
}
