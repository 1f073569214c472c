package io.wahub.hub.apikey;

import io.wahub.hub.security.Scope;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as stored and listed; the secret itself is never stored, only its SHA-256.
 *
 * @param tenantId           the tenant it acts for; null for the platform operator's bootstrap key
 * @param prefix             the readable start of the secret ({@code whk_live_Ab3dE9}), to recognise a key
 * @param rateLimitPerMinute this key's own limit, on top of its tenant's plan limit; null: only the plan's
 * @param createdBy          who created it, for display: an email, {@code key:<prefix>} or {@code configuration}
 * @param createdByUser      the person it was created by, directly or through a key of theirs; null for keys made
 *                           by configuration or by operator keys. Removing or demoting that person in the tenant
 *                           revokes the key
 * @param features           the features whose API the key may call (scopes {@code feature:<id>}, stored with the
 *                           others)
 */
public record ApiKey(UUID id, String tenantId, String name, String prefix, Set<Scope> scopes,
                     Integer rateLimitPerMinute, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                     String createdBy, UUID createdByUser, Instant createdAt, Set<String> features) {

    public ApiKey {
        features = features == null ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(features));
    }

    public ApiKey(UUID id, String tenantId, String name, String prefix, Set<Scope> scopes,
                  Integer rateLimitPerMinute, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                  String createdBy, UUID createdByUser, Instant createdAt) {
        this(id, tenantId, name, prefix, scopes, rateLimitPerMinute, expiresAt, revokedAt, lastUsedAt, createdBy,
                createdByUser, createdAt, Set.of());
    }

    /** The scopes as stored and shown: the enum's values, then {@code feature:<id>} per feature. */
    public java.util.List<String> scopeValues() {
        return java.util.stream.Stream.concat(scopes.stream().map(Scope::value),
                features.stream().map(f -> Scope.FEATURE_PREFIX + f)).toList();
    }

    public boolean operator() {
        return tenantId == null;
    }
}
