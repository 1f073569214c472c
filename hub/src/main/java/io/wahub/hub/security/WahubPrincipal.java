package io.wahub.hub.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a person signed in to the panel, or an API key.
 *
 * @param name      for audit and logs: the person's email, or {@code key:<prefix>}
 * @param userId    the person, or null for a key
 * @param keyId     the API key, or null for a person
 * @param keyTenant the tenant an API key belongs to (null for the operator's bootstrap key)
 * @param operator  platform operator: every tenant, every scope
 * @param scopes    an API key's scopes (empty for people: their role decides)
 * @param features  the features whose API an API key may call ({@code feature:<id>} scopes; empty for people)
 */
public record WahubPrincipal(String name, UUID userId, UUID keyId, String keyTenant, boolean operator,
                             Set<Scope> scopes, Set<String> features) implements java.io.Serializable {

    public WahubPrincipal {
        features = features == null ? Set.of() : Set.copyOf(features);
    }

    public WahubPrincipal(String name, UUID userId, UUID keyId, String keyTenant, boolean operator,
                          Set<Scope> scopes) {
        this(name, userId, keyId, keyTenant, operator, scopes, Set.of());
    }

    public static WahubPrincipal user(UUID id, String email, boolean operator) {
        return new WahubPrincipal(email, id, null, null, operator, Set.of());
    }

    public boolean isKey() {
        return keyId != null;
    }
}
