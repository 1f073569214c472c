/**
 * A feature's HTTP API: {@link io.wahub.sdk.api.FeatureApi} lists {@link io.wahub.sdk.api.ApiOperation}s, each
 * handled by an {@link io.wahub.sdk.api.ApiHandler} from an {@link io.wahub.sdk.api.ApiRequest} to an
 * {@link io.wahub.sdk.api.ApiResponse}, or an {@link io.wahub.sdk.api.ApiProblem} the hub writes as problem+json.
 * No Spring or servlet types: the hub does the HTTP.
 */
package io.wahub.sdk.api;
