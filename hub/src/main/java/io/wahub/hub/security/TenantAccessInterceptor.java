package io.wahub.hub.security;

import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.user.MemberRepository;
import io.wahub.hub.user.Role;
import io.wahub.hub.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.lang.NonNull;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Guards every endpoint with a {@code {tenant}} path variable: a caller who may not see that tenant gets the same
 * 404 as for a tenant that does not exist (no leak of existence); a caller who may see it but lacks the endpoint's
 * {@link TenantScoped scope} gets 403. A handler without {@link TenantScoped} (or {@link FeatureScoped}, whose handler
 * checks the scope itself) is refused outright.
 */
@Component
public class TenantAccessInterceptor implements HandlerInterceptor {

    private final MemberRepository members;

    public TenantAccessInterceptor(MemberRepository members) {
        this.members = members;
    }

    @Override
    public boolean preHandle(@NonNull HttpServletRequest request, @NonNull HttpServletResponse response,
                             @NonNull Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String tenant = variables == null ? null : variables.get("tenant");
        if (tenant == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.hasMethodAnnotation(FeatureScoped.class)) {
            checkVisible(Actors.require(), tenant);
            return true;
        }
        TenantScoped declared = method.getMethodAnnotation(TenantScoped.class);
        if (declared == null) {
            throw new IllegalStateException(method + " serves a tenant but declares no @TenantScoped scope");
        }
        check(Actors.require(), tenant, declared.value());
        return true;
    }

    /** Throws 404 when {@code principal} may not see {@code tenant}, 403 when it lacks {@code scope}. */
    public void check(WahubPrincipal principal, String tenant, Scope scope) {
        if (principal.operator()) {
            return;
        }
        if (principal.isKey()) {
            if (!tenant.equals(principal.keyTenant())) {
                throw Tenants.notFound(tenant);
            }
            if (!principal.scopes().contains(scope)) {
                throw new ProblemException(403, "insufficient-scope", "Insufficient scope",
                        "This API key lacks the scope '" + scope.value() + "'.",
                        Map.of("requiredScope", scope.value()));
            }
            return;
        }
        Role role = members.role(tenant, principal.userId()).orElseThrow(() -> Tenants.notFound(tenant));
        if (!role.scopes().contains(scope)) {
            throw new ProblemException(403, "insufficient-role", "Insufficient role",
                    "Role '" + role.value() + "' may only read; this needs owner or admin.");
        }
    }

    /** Throws 404 when {@code principal} may not see {@code tenant}. */
    public void checkVisible(WahubPrincipal principal, String tenant) {
        if (principal.operator()) {
            return;
        }
        if (principal.isKey() ? !tenant.equals(principal.keyTenant())
                : members.role(tenant, principal.userId()).isEmpty()) {
            throw Tenants.notFound(tenant);
        }
    }

    /**
     * Throws 404 when {@code principal} may not see {@code tenant}, 403 when it may not call feature
     * {@code featureId}'s API: a key needs {@code feature:<id>} or {@code feature:*}; a person any role to read, the
     * owner or admin role to {@code write}.
     */
    public void checkFeature(WahubPrincipal principal, String tenant, String featureId, boolean write) {
        checkVisible(principal, tenant);
        if (principal.operator()) {
            return;
        }
        if (principal.isKey()) {
            if (!holdsFeature(principal, tenant, featureId)) {
                throw new ProblemException(403, "insufficient-scope", "Insufficient scope",
                        "This API key lacks the scope '" + Scope.FEATURE_PREFIX + featureId + "' (or 'feature:*').",
                        Map.of("requiredScope", Scope.FEATURE_PREFIX + featureId));
            }
            return;
        }
        Role role = members.role(tenant, principal.userId()).orElseThrow(() -> Tenants.notFound(tenant));
        if (write && !role.isAdmin()) {
            throw new ProblemException(403, "insufficient-role", "Insufficient role",
                    "Role '" + role.value() + "' may only read; this needs owner or admin.");
        }
    }

    /** Whether {@code principal} may call every operation of feature {@code featureId}'s API in {@code tenant}. */
    public boolean holdsFeature(WahubPrincipal principal, String tenant, String featureId) {
        return held(principal, tenant).contains(Scope.FEATURES)
                || principal.isKey() && tenant.equals(principal.keyTenant())
                && principal.features().contains(featureId);
    }

    /**
     * The scopes {@code principal} holds in {@code tenant}: all for the operator, a key's own scopes in its tenant,
     * a person's role's scopes in a tenant they belong to, none otherwise.
     */
    public Set<Scope> held(WahubPrincipal principal, String tenant) {
        if (principal.operator()) {
            return EnumSet.allOf(Scope.class);
        }
        if (principal.isKey()) {
            return tenant.equals(principal.keyTenant()) ? principal.scopes() : Set.of();
        }
        return members.role(tenant, principal.userId()).map(Role::scopes).orElse(Set.of());
    }
}
