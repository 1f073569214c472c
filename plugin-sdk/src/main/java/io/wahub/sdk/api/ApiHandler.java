package io.wahub.sdk.api;

import io.wahub.sdk.FeatureContext;

/**
 * Handles calls of one {@link ApiOperation}.
 *
 * <p>Threading: called on the request's (virtual) thread, many calls at once, with no database transaction open, so
 * a handler may call out (a chat model, outbound HTTP) and use {@link FeatureContext#store()}. Messages it
 * {@link FeatureContext#send sends} are stored and delivered once it returned normally, and not at all when it
 * throws. A client may repeat a call (a timeout on its side): make writes idempotent where it matters, for example
 * with the idempotency key of the messages.
 */
@FunctionalInterface
public interface ApiHandler {

    /**
     * @throws ApiProblem for an answer the client should act on (problem+json with its status); any other exception
     *                    answers 500 {@code feature-failed}
     */
    ApiResponse handle(ApiRequest request, FeatureContext context);
}
