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
 */
public record ApiKey(UUID id, String tenantId, String name, String prefix, Set<Scope> scopes,
                     Integer rateLimitPerMinute, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                     String createdBy, UUID createdByUser, Instant createdAt) {

    public boolean operator() {
        return tenantId == null;
    }
}
