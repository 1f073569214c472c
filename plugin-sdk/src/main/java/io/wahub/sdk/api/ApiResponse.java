package io.wahub.sdk.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to an {@link ApiRequest}: a status and a JSON body ({@code application/json}).
 *
 * @param body null for no body (204)
 */
public record ApiResponse(int status, JsonNode body) {

    public ApiResponse {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("a response is 2xx; throw ApiProblem for anything else: " + status);
        }
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
