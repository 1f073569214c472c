package io.wahub.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RFC 7807 problem+json form of a {@link ProblemException}, for the routes' shared error handling and for
 * {@link RawWebhookBody}, which answers before any route runs. A problem with a {@code retryAfterSeconds} extension
 * is also answered with that {@code Retry-After} header.
 */
final class ProblemJson {

    static final String CONTENT_TYPE = "application/problem+json";
    static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private static final ObjectMapper JSON = Json.newMapper();

    private ProblemJson() {
    }

    static byte[] body(ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.typeUri());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.putAll(problem.extensions());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the whole answer to a servlet response that nothing has written to yet. */
    static void write(HttpServletResponse response, ProblemException problem) throws IOException {
        byte[] body = body(problem);
        response.setStatus(problem.status());
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        Object retryAfter = problem.extensions().get(RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter.toString());
        }
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
