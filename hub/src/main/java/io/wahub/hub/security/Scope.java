package io.wahub.hub.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do inside one tenant. API keys carry a set of scopes; people get them from their role:
 * members hold every scope that does not {@link #needsAdmin() need an admin}, owners and admins hold all. A key may
 * also hold single features' APIs ({@code feature:<id>}), which are not values of this enum.
 */
public enum Scope {
    /** Read the tenant, its connectors (secrets masked) and features. */
    TENANT_READ("tenant:read", false),
    /** Change the tenant's name or channel, connector credentials and features. */
    TENANT_WRITE("tenant:write", true),
    /** Read received events and outbound messages. */
    MESSAGES_READ("messages:read", false),
    /** Read usage and quota. */
    USAGE_READ("usage:read", false),
    /** Read contacts, their consent, conversations and imports. */
    CONTACTS_READ("contacts:read", false),
    /** Create, change, import and delete contacts; record consent; set the consent keywords. */
    CONTACTS_WRITE("contacts:write", true),
    /** Manage API keys, members and invitations; read the audit log. */
    ADMIN("admin", true),
    /**
     * Call every feature's API. A key may instead hold the API of single features, {@code feature:<id>}
     * ({@link #FEATURE_PREFIX}); those are kept as feature ids, next to the scopes (see {@code ApiKey#features}).
     */
    FEATURES("feature:*", true);

    /** Prefix of the scope that allows one feature's API: {@code feature:otp}. */
    public static final String FEATURE_PREFIX = "feature:";

    private final String value;
    private final boolean needsAdmin;

    Scope(String value, boolean needsAdmin) {
        this.value = value;
        this.needsAdmin = needsAdmin;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Whether a person needs the owner or admin role for it (members are read-only). */
    public boolean needsAdmin() {
        return needsAdmin;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
