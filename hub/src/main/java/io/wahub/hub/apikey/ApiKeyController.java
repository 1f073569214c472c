package io.wahub.hub.apikey;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantAccessInterceptor;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's API keys: the secret is returned once, at creation. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/keys")
public class ApiKeyController {

    /** Default scopes of a key created without any: read-only. */
    static final Set<Scope> DEFAULT_SCOPES = java.util.Collections.unmodifiableSet(
            EnumSet.of(Scope.TENANT_READ, Scope.MESSAGES_READ, Scope.USAGE_READ));

    /** A single feature's scope: {@code feature:} and a kebab-case feature id ({@code feature:*} is a Scope). */
    private static final java.util.regex.Pattern FEATURE_SCOPE =
            java.util.regex.Pattern.compile("feature:[a-z0-9]+(-[a-z0-9]+)*");

    public record NewKey(@NotBlank @Size(max = 100) String name, List<String> scopes, Instant expiresAt,
                         @Positive Integer rateLimitPerMinute) {
    }

    /** The created key with its secret, which is never shown again. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    private final ApiKeyRepository keys;
    private final ApiKeyRevocations revocations;
    private final TenantAccessInterceptor access;
    private final Tenants tenants;
    private final AuditLog audit;
    private final Clock clock;

    public ApiKeyController(ApiKeyRepository keys, ApiKeyRevocations revocations, TenantAccessInterceptor access,
                            Tenants tenants, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.access = access;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    @TenantScoped(Scope.ADMIN)
    public List<ApiKey> list(@PathVariable String tenant) {
        tenants.require(tenant);
        return keys.list(tenant);
    }

    /**
     * Creates a key. Nobody hands out more than they hold: the key's scopes must be among the caller's own (a
     * person's role's, or the calling key's), and a key created by a key expires no later than the calling key. The
     * key records the person behind it (the caller, or the calling key's creator), so that removing or demoting that
     * person revokes it.
     */
    @PostMapping
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public ResponseEntity<CreatedKey> create(@PathVariable String tenant, @Valid @RequestBody NewKey request) {
        tenants.require(tenant);
        Set<Scope> scopes = scopes(request.scopes());
        Set<String> features = features(request.scopes());
        WahubPrincipal caller = Actors.require();
        Set<Scope> held = access.held(caller, tenant);
        List<String> lacking = new java.util.ArrayList<>(
                scopes.stream().filter(s -> !held.contains(s)).map(Scope::value).toList());
        features.stream().filter(f -> !access.holdsFeature(caller, tenant, f))
                .forEach(f -> lacking.add(Scope.FEATURE_PREFIX + f));
        if (!lacking.isEmpty()) {
            throw new ProblemException(403, "scope-escalation", "Scope escalation",
                    "A key may only get scopes its creator holds; the caller lacks " + lacking + ".");
        }
        ApiKey creatorKey = caller.isKey() ? keys.find(caller.keyId()).orElseThrow() : null;
        Instant expiresAt = expiry(request.expiresAt(), creatorKey);
        String secret = ApiKeySecrets.generate();
        UUID creator = creatorKey != null ? creatorKey.createdByUser() : caller.userId();
        ApiKey key = new ApiKey(UUID.randomUUID(), tenant, request.name(), ApiKeySecrets.prefix(secret), scopes,
                request.rateLimitPerMinute(), expiresAt, null, null, caller.name(), creator, clock.instant(),
                features);
        keys.insert(key, ApiKeySecrets.sha256(secret));
        audit.record(tenant, "key.created", key.id().toString(), Map.of("name", key.name(), "prefix", key.prefix(),
                "scopes", key.scopeValues()));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/keys/" + key.id()))
                .body(new CreatedKey(key, secret));
    }

    @DeleteMapping("/{id}")
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public ResponseEntity<Void> revoke(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        revocations.revoke(tenant, id);
        return ResponseEntity.noContent().build();
    }

    /** The requested expiry, in the future and not after the creating key's; a key-made key inherits it. */
    private Instant expiry(Instant requested, ApiKey creatorKey) {
        if (requested != null && !requested.isAfter(clock.instant())) {
            throw invalidExpiry("must be in the future");
        }
        Instant limit = creatorKey == null ? null : creatorKey.expiresAt();
        if (limit == null) {
            return requested;
        }
        if (requested != null && requested.isAfter(limit)) {
            throw invalidExpiry("must not be after the creating key's expiry " + limit);
        }
        return requested != null ? requested : limit;
    }

    private static ProblemException invalidExpiry(String reason) {
        return new ProblemException(422, "invalid-request", "Invalid request", "Invalid request: expiresAt",
                Map.of("errors", Map.of("expiresAt", reason)));
    }

    private static Set<Scope> scopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_SCOPES;
        }
        Set<Scope> scopes = new TreeSet<>();
        for (String value : requested) {
            if (FEATURE_SCOPE.matcher(value).matches()) {
                continue;
            }
            scopes.add(Scope.of(value).orElseThrow(() -> new ProblemException(422, "invalid-request",
                    "Invalid request", "Unknown scope '" + value + "'; known: tenant:read, tenant:write, "
                    + "messages:read, usage:read, contacts:read, contacts:write, admin, feature:* and feature:<feature id>.",
                    Map.of("errors", Map.of("scopes", "unknown scope")))));
        }
        return scopes;
    }

    /** The feature ids of the requested {@code feature:<id>} scopes. */
    private static Set<String> features(List<String> requested) {
        Set<String> features = new TreeSet<>();
        if (requested != null) {
            requested.stream().filter(value -> FEATURE_SCOPE.matcher(value).matches())
                    .forEach(value -> features.add(value.substring(Scope.FEATURE_PREFIX.length())));
        }
        return features;
    }
}
