package io.wahub.plugins.otp;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A verification as stored: a code sent to {@code to} for {@code purpose}.
 *
 * @param status     {@value #PENDING}, {@value #APPROVED}, {@value #CANCELED}, {@value #MAX_ATTEMPTS_REACHED} or
 *                   {@value #EXPIRED}
 * @param seed       what the code is derived from (see {@link OtpCodes}); never shown
 * @param checks     wrong codes so far
 * @param sendCount  codes sent for it (the first and the resends)
 */
record Verification(UUID id, String to, String purpose, String status, String seed, int codeLength, int checks,
                    int maxChecks, int sendCount, Instant createdAt, Instant expiresAt, Instant updatedAt) {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String CANCELED = "canceled";
    static final String MAX_ATTEMPTS_REACHED = "max_attempts_reached";
    static final String EXPIRED = "expired";
    static final java.util.List<String> STATUSES = java.util.List.of(PENDING, APPROVED, CANCELED,
            MAX_ATTEMPTS_REACHED, EXPIRED);

    static Verification of(Map<String, Object> row) {
        return new Verification((UUID) row.get("id"), (String) row.get("to_number"), (String) row.get("purpose"),
                (String) row.get("status"), (String) row.get("seed"), number(row, "code_length"),
                number(row, "checks"), number(row, "max_checks"), number(row, "send_count"),
                (Instant) row.get("created_at"), (Instant) row.get("expires_at"), (Instant) row.get("updated_at"));
    }

    private static int number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    /** Whether a check may still approve it at {@code now}. */
    boolean open(Instant now) {
        return PENDING.equals(status) && now.isBefore(expiresAt);
    }

    int checksLeft() {
        return Math.max(0, maxChecks - checks);
    }
}
