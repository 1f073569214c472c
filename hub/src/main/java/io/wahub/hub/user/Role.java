package io.wahub.hub.user;

import com.fasterxml.jackson.annotation.JsonValue;
import io.wahub.hub.security.Scope;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person's role in one tenant: owners and admins change things, members only read. Declared from the highest
 * rank down.
 */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAdmin() {
        return this != MEMBER;
    }

    /** Whether this role ranks above {@code other} (owner above admin above member). */
    public boolean isAbove(Role other) {
        return ordinal() < other.ordinal();
    }

    /** The scopes a person with this role holds: owners and admins all, members those that only read. */
    public Set<Scope> scopes() {
        return isAdmin() ? EnumSet.allOf(Scope.class)
                : Arrays.stream(Scope.values()).filter(s -> !s.needsAdmin())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }

    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
