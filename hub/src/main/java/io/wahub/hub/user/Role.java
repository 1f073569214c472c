package io.wahub.hub.user;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A person's role in one tenant: owners and admins change things, members only read. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAdmin() {
        return this != MEMBER;
    }

    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
