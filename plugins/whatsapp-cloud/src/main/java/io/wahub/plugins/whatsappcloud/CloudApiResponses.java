package io.wahub.plugins.whatsappcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
/**
 * Reads the Cloud API's answer: the {@code wamid} of an accepted message, or a {@link SendFailure} classified from
 * the HTTP status and Meta's {@code {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}} body.
 */
final class CloudApiResponses {

    /**
     * Meta error codes worth another attempt: throughput (130429), pair rate limit (131056), spam rate limit
     * (131048), application (4) and WhatsApp Business Account (80007) rate limits. Every other code is permanent:
     * for example 131047 (24-hour window closed), 131026 (undeliverable), 190 (token expired), 100 (bad parameter).
     */
    static final Set<String> RETRYABLE_CODES = Set.of("130429", "131056", "131048", "4", "80007");

    private static final ObjectMapper JSON = Json.newMapper();

    private CloudApiResponses() {
    }

    /**
     * The wamid of an accepted message, else a {@link SendFailure}. The failure's message is Meta's
     * {@code error.message}, made safe by {@link OutboundRequest#safeText} (bounded, the token masked even if a proxy
     * echoed it), or {@code WhatsApp Cloud API answered HTTP {status}}; never the raw body.
     */
    static SendResult read(OutboundResponse response, OutboundRequest request, Clock clock) throws SendFailure {
        int status = response.status();
        JsonNode body = parse(response.bodyText());
        if (status >= 200 && status < 300) {
            String wamid = body.path("messages").path(0).path("id").asText("");
            if (wamid.isBlank()) {
                throw SendFailure.permanent("bad-response",
                        "WhatsApp Cloud API answered HTTP " + status + " without messages[0].id");
            }
            return new SendResult(wamid);
        }
        JsonNode error = body.path("error");
        String metaCode = error.hasNonNull("code") ? error.get("code").asText() : null;
        String detail = error.hasNonNull("message") && !error.get("message").asText().isBlank()
                ? request.safeText(error.get("message").asText())
                : "WhatsApp Cloud API answered HTTP " + status;
        Duration retryAfter = response.retryAfter(clock).orElse(null);
        if (status == 429) {
            return failWith(metaCode == null ? "http-429" : metaCode, detail, true, retryAfter);
        }
        if (status >= 500) {
            return failWith("http-" + status, detail, true, retryAfter);
        }
        if (metaCode == null) {
            return failWith("http-" + status, detail, false, null);
        }
        boolean retryable = RETRYABLE_CODES.contains(metaCode);
        return failWith(metaCode, detail, retryable, retryable ? retryAfter : null);
    }

    private static SendResult failWith(String code, String detail, boolean retryable, Duration retryAfter)
            throws SendFailure {
        throw new SendFailure(code, detail, retryable, retryAfter, null);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
