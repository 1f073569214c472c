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
 */
public record ApiKey(UUID id, String tenantId, String name, String prefix, Set<Scope> scopes,
                     Integer rateLimitPerMinute, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                     String createdBy, Instant createdAt) {

    public boolean operator() {
        return tenantId == null;
    }
}
