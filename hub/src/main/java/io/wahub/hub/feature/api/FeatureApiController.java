package io.wahub.hub.feature.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Hidden;
import io.wahub.hub.feature.FeatureContexts;
import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.feature.FeatureStateRepository;
import io.wahub.hub.feature.api.FeatureOperations.Found;
import io.wahub.hub.feature.api.FeatureOperations.Mounted;
import io.wahub.hub.feature.api.FeatureOperations.WrongMethod;
import io.wahub.hub.feature.state.FeatureSchemas;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.FeatureScoped;
import io.wahub.hub.security.TenantAccessInterceptor;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Serves every feature's API ({@link io.wahub.sdk.api.FeatureApi}) under {@value #BASE}, in this order: the caller
 * may see the tenant (else 404, as for any tenant), the feature has an API (404 {@code feature-not-found}), the
 * method and path are one of its operations (404 {@code operation-not-found}, 405 {@code method-not-allowed}), the
 * caller may call it (403, {@link TenantAccessInterceptor#checkFeature}), the tenant's plan has the feature (403
 * {@code feature-not-in-plan}) and the tenant switched it on (403 {@code feature-not-enabled}), its tables are
 * ready (503 {@code feature-unavailable}), the per-tenant-and-feature rate limit (429), for an operation that may
 * send a message the plan's send rate (429 {@code send-rate-exceeded}), a bounded JSON body (413, 400). Then the
 * handler runs with no database transaction open, and one transaction, shared with the calls that finished meanwhile,
 * stores the messages it sent, its timer changes and, for a write, the audit entry ({@link OperationCalls}).
 */
@RestController
@Hidden
public class FeatureApiController {

    static final String BASE = "/api/v1/tenants/{tenant}/features/{feature}";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureApiController.class);
    /** Segments before an operation's path: "", api, v1, tenants, {tenant}, features, {feature}. */
    private static final int BASE_SEGMENTS = 7;

    private final FeatureOperations operations;
    private final TenantAccessInterceptor access;
    private final Tenants tenants;
    private final PlanRepository plans;
    private final FeatureStateRepository states;
    private final FeatureSchemas schemas;
    private final FeatureContexts contexts;
    private final OperationCalls calls;
    private final RequestBodies bodies;

    public FeatureApiController(FeatureOperations operations, TenantAccessInterceptor access, Tenants tenants,
                                PlanRepository plans, FeatureStateRepository states, FeatureSchemas schemas,
                                FeatureContexts contexts, OperationCalls calls, RequestBodies bodies) {
        this.operations = operations;
        this.access = access;
        this.tenants = tenants;
        this.plans = plans;
        this.states = states;
        this.schemas = schemas;
        this.contexts = contexts;
        this.calls = calls;
        this.bodies = bodies;
    }

    @RequestMapping(BASE + "/**")
    @FeatureScoped
    public ResponseEntity<JsonNode> call(@PathVariable String tenant, @PathVariable String feature,
                                         HttpServletRequest request) {
        WahubPrincipal caller = Actors.require();
        Tenant owner = tenants.require(tenant);
        Found found = operation(feature, request);
        Mounted mounted = found.mounted();
        access.checkFeature(caller, tenant, feature, mounted.operation().write());
        Plan plan = checkAvailable(owner, feature);
        calls.limit(tenant, feature);
        if (mounted.operation().sends()) {
            calls.limitSends(owner, plan);
        }
        ApiRequest apiRequest = new ApiRequest(found.pathVariables(), query(request), bodies.read(request),
                caller.name());
        // A write is audited with a synchronous commit before it is answered: its store commits need not wait.
        FeatureRun run = mounted.operation().write() ? contexts.openDeferred(tenant, mounted.feature())
                : contexts.open(tenant, mounted.feature());
        ApiResponse response;
        try {
            response = mounted.operation().handler().handle(apiRequest, run.context());
        } catch (ApiProblem problem) {
            calls.recordProblem(tenant, mounted, problem.status());
            throw problem;
        } catch (RuntimeException e) {
            LOG.warn("Feature {} failed in {} {} for tenant {}", feature, mounted.operation().method(),
                    mounted.operation().path(), tenant, e);
            calls.recordProblem(tenant, mounted, 500);
            throw new ProblemException(500, "feature-failed", "Feature failed", "Feature '" + feature
                    + "' failed to handle " + mounted.operation().method() + " " + mounted.operation().path()
                    + "; the error is in the hub's log.");
        }
        calls.finish(owner, mounted, response.status(), run);
        var answer = ResponseEntity.status(response.status());
        return response.body() == null ? answer.build()
                : answer.contentType(MediaType.APPLICATION_JSON).body(response.body());
    }

    private Found operation(String feature, HttpServletRequest request) {
        if (operations.of(feature).isEmpty()) {
            throw new ProblemException(404, "feature-not-found", "Feature not found",
                    "No feature with id '" + feature + "' and an API is installed.");
        }
        String[] segments = request.getRequestURI().substring(request.getContextPath().length()).split("/", -1);
        String path = "/" + String.join("/", java.util.Arrays.copyOfRange(segments,
                Math.min(BASE_SEGMENTS, segments.length), segments.length));
        return switch (operations.find(feature, request.getMethod(), path)) {
            case Found found -> found;
            case WrongMethod wrong -> throw new ProblemException(405, "method-not-allowed", "Method not allowed",
                    "Feature '" + feature + "' serves " + path + " with " + wrong.allowed() + ", not "
                            + request.getMethod() + ".", Map.of("allowed", wrong.allowed()));
            case FeatureOperations.NotFound notFound -> throw new ProblemException(404, "operation-not-found",
                    "Operation not found", "Feature '" + feature + "' has no operation " + request.getMethod() + " "
                    + path + ".");
        };
    }

    private Plan checkAvailable(Tenant owner, String feature) {
        Plan plan = plans.require(owner.plan());
        if (!plan.allowsFeature(feature)) {
            throw new ProblemException(403, "feature-not-in-plan", "Feature not in plan",
                    "Feature '" + feature + "' is not part of plan '" + plan.id() + "'.", Map.of("plan", plan.id()));
        }
        if (!states.enabledFeatures(owner.id()).contains(feature)) {
            throw new ProblemException(403, "feature-not-enabled", "Feature not enabled",
                    "Feature '" + feature + "' is not switched on for tenant '" + owner.id() + "'.");
        }
        String refusal = schemas.refusal(feature);
        if (refusal != null) {
            throw new ProblemException(503, "feature-unavailable", "Feature unavailable", refusal);
        }
        return plan;
    }

    private static Map<String, java.util.List<String>> query(HttpServletRequest request) {
        if (request.getQueryString() == null) {
            return Map.of();
        }
        Map<String, java.util.List<String>> query = new java.util.LinkedHashMap<>();
        UriComponentsBuilder.newInstance().query(request.getQueryString()).build(true).getQueryParams()
                .forEach((name, values) -> query.put(decode(name), values.stream()
                        .map(v -> v == null ? "" : decode(v)).toList()));
        return query;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
