package io.wahub.sdk.api;

import java.util.List;

/**
 * HTTP operations a {@link io.wahub.sdk.Feature} offers to the tenant's own systems: a feature with an API implements
 * this interface next to {@code Feature} (on the same {@code @Extension} class).
 *
 * <p>The hub mounts each operation under {@code /api/v1/tenants/{tenant}/features/{featureId}} + its
 * {@link ApiOperation#path() path}, and does everything around the handler: authentication (a panel session, or an
 * API key holding the scope {@code feature:<featureId>} or {@code feature:*}; people need the owner or admin role for
 * {@link ApiOperation#write() write} operations), the checks that the feature is in the tenant's plan and switched
 * on, a rate limit per tenant and feature, a bounded JSON body, problem+json answers for {@link ApiProblem}, an audit
 * entry for every write, and the operation's entry in the OpenAPI document. The handler sees only its
 * {@link ApiRequest} and the tenant's {@link io.wahub.sdk.FeatureContext}.
 *
 * <p>{@link #operations()} is read once, when the hub starts; it must not change afterwards.
 */
public interface FeatureApi {

    /** The operations, each with a distinct method and path template. */
    List<ApiOperation> operations();
}
