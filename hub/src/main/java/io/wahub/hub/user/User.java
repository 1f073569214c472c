package io.wahub.hub.user;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in to the panel. */
public record User(UUID id, String email, String passwordHash, boolean operator, int failedLogins,
                   Instant lockedUntil) {
}
