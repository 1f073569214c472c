package io.wahub.sdk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP operation of a {@link FeatureApi}.
 *
 * @param method        {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param path          template below the feature's base path, starting with {@code /}, with {@code {name}}
 *                      segments for path variables: {@code /verifications/{id}}
 * @param write         whether the operation changes anything: writes are audited and need an admin (people) or the
 *                      feature's scope (keys, as for reads)
 * @param summary       one line for the OpenAPI document
 * @param requestSchema JSON Schema of the request body, for the OpenAPI document (the hub does not validate against
 *                      it: the handler validates and throws {@link ApiProblem#invalid}); null when there is no body
 * @param handler       what the operation does
 * @param sends         whether a call may send a message (an OTP start sends a code): the hub then takes the call
 *                      from the tenant's plan's send rate before the handler runs, and answers 429
 *                      {@code send-rate-exceeded} beyond it, so a caller cannot make a shop spend more than its plan
 *                      allows. Declare it with {@link #sending()}.
 */
public record ApiOperation(String method, String path, boolean write, String summary, JsonNode requestSchema,
                           ApiHandler handler, boolean sends) {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public ApiOperation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ": " + method);
        }
        if (!path.startsWith("/") || path.contains("..") || path.contains("*")) {
            throw new IllegalArgumentException("path must start with / and hold no '..' or '*': " + path);
        }
    }

    /** An operation that sends nothing. */
    public ApiOperation(String method, String path, boolean write, String summary, JsonNode requestSchema,
                        ApiHandler handler) {
        this(method, path, write, summary, requestSchema, handler, false);
    }

    /** This operation, declared as one that may send a message (see {@link #sends()}). */
    public ApiOperation sending() {
        return new ApiOperation(method, path, write, summary, requestSchema, handler, true);
    }

    /** A read operation ({@code GET}). */
    public static ApiOperation get(String path, String summary, ApiHandler handler) {
        return new ApiOperation("GET", path, false, summary, null, handler);
    }

    /** A write operation ({@code POST}) with a JSON body described by {@code requestSchema} (may be null). */
    public static ApiOperation post(String path, String summary, JsonNode requestSchema, ApiHandler handler) {
        return new ApiOperation("POST", path, true, summary, requestSchema, handler);
    }

    /** A write operation ({@code DELETE}). */
    public static ApiOperation delete(String path, String summary, ApiHandler handler) {
        return new ApiOperation("DELETE", path, true, summary, null, handler);
    }
}
