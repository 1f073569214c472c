package io.wahub.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import io.wahub.sdk.api.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one writer of RFC 7807 problem+json: every {@link ApiProblem} the platform answers (the API's errors, the
 * security filters' refusals, the webhook routes' refusals, a feature's problems) is written here, as {@code type}
 * (the full URI), {@code title}, {@code status}, {@code detail}, then the problem's {@link ApiProblem#members()
 * members}. A problem with a {@link ApiProblem#RETRY_AFTER_SECONDS} member is also answered with that
 * {@code Retry-After} header.
 */
public final class ProblemJson {

    public static final String CONTENT_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = Json.newMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ProblemJson() {
    }

    /** The problem object, serialized. */
    public static byte[] body(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.typeUri());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.putAll(problem.members());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem " + problem.type() + " has a member that is not JSON", e);
        }
    }

    /** The {@code Retry-After} value of a problem that carries {@link ApiProblem#RETRY_AFTER_SECONDS}. */
    public static Optional<String> retryAfter(ApiProblem problem) {
        return Optional.ofNullable(problem.members().get(ApiProblem.RETRY_AFTER_SECONDS)).map(String::valueOf);
    }

    /** Writes the whole answer to a servlet response that nothing has written to yet (headers set before stay). */
    public static void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        byte[] body = body(problem);
        response.setStatus(problem.status());
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        retryAfter(problem).ifPresent(seconds -> response.setHeader("Retry-After", seconds));
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
