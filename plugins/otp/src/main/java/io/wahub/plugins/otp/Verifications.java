package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verifications and the tenant's code key, in the feature's own tables ({@code db/feature/V1__verifications.sql})
 * through {@link FeatureStore}: every statement sees the current tenant's rows only, so none names its tenant but the
 * inserts ({@code :tenant_id}).
 */
final class Verifications {

    /** Finished verifications are deleted this long after their last change. */
    static final Duration RETENTION = Duration.ofDays(7);

    private static final String COLUMNS = "id, to_number, purpose, status, seed, code_length, checks, max_checks,"
            + " send_count, created_at, expires_at, updated_at";

    private final Map<String, String> keys = new ConcurrentHashMap<>();

    /**
     * The tenant's HMAC key for codes: 256 random bits, created on first use and never changed (a changed key would
     * change the codes of pending verifications). Cached: it never changes.
     */
    String key(FeatureStore store, String tenantId) {
        return keys.computeIfAbsent(tenantId, t -> {
            store.update("INSERT INTO otp_key (tenant_id, secret) VALUES (:tenant_id, :secret)"
                    + " ON CONFLICT (tenant_id) DO NOTHING", Map.of("secret", OtpCodes.random(32)));
            return (String) store.query("SELECT secret FROM otp_key", Map.of()).getFirst().get("secret");
        });
    }

    Optional<Verification> find(FeatureStore store, UUID id) {
        return one(store.query("SELECT " + COLUMNS + " FROM verification WHERE id = :id", Map.of("id", id)));
    }

    /**
     * The newest verifications, at most {@code limit}, of {@code status} and to {@code to} when given (null: any).
     */
    List<Verification> recent(FeatureStore store, String status, String to, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("to", to);
        params.put("limit", limit);
        return store.query("SELECT " + COLUMNS + " FROM verification"
                + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                + " AND (CAST(:to AS text) IS NULL OR to_number = :to)"
                + " ORDER BY created_at DESC, id LIMIT :limit", params).stream().map(Verification::of).toList();
    }

    /** The pending verification for the number and purpose, locked until the transaction ends. */
    Optional<Verification> pendingForUpdate(FeatureStore store, String to, String purpose) {
        return one(store.query("SELECT " + COLUMNS + " FROM verification WHERE to_number = :to AND purpose = :purpose"
                + " AND status = 'pending' FOR UPDATE", Map.of("to", to, "purpose", purpose)));
    }

    /** The newest verification for the number and purpose, whatever its status. */
    Optional<Verification> latest(FeatureStore store, String to, String purpose) {
        return one(store.query("SELECT " + COLUMNS + " FROM verification WHERE to_number = :to AND purpose = :purpose"
                + " ORDER BY created_at DESC LIMIT 1", Map.of("to", to, "purpose", purpose)));
    }

    void insert(FeatureStore store, Verification v) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", v.id());
        params.put("to", v.to());
        params.put("purpose", v.purpose());
        params.put("status", v.status());
        params.put("seed", v.seed());
        params.put("code_length", v.codeLength());
        params.put("max_checks", v.maxChecks());
        params.put("send_count", v.sendCount());
        params.put("created_at", v.createdAt());
        params.put("expires_at", v.expiresAt());
        store.update("""
                INSERT INTO verification (tenant_id, id, to_number, purpose, status, seed, code_length, checks,
                                          max_checks, send_count, created_at, expires_at, updated_at)
                VALUES (:tenant_id, :id, :to, :purpose, :status, :seed, :code_length, 0, :max_checks, :send_count,
                        :created_at, :expires_at, :created_at)""", params);
    }

    /** Counts one more code sent for the verification; its new send count. */
    int resent(FeatureStore store, UUID id, Instant now) {
        return ((Number) store.query("UPDATE verification SET send_count = send_count + 1, updated_at = :now"
                + " WHERE id = :id RETURNING send_count", Map.of("id", id, "now", now)).getFirst()
                .get("send_count")).intValue();
    }

    /** Counts a wrong code and sets the status it leads to. */
    void wrongCode(FeatureStore store, UUID id, String status, Instant now) {
        store.update("UPDATE verification SET checks = checks + 1, status = :status, updated_at = :now WHERE id = :id",
                Map.of("id", id, "status", status, "now", now));
    }

    void status(FeatureStore store, UUID id, String status, Instant now) {
        store.update("UPDATE verification SET status = :status, updated_at = :now WHERE id = :id",
                Map.of("id", id, "status", status, "now", now));
    }

    /** Marks pending verifications whose code expired by {@code now} as expired (one, or all of a number's). */
    int expireDue(FeatureStore store, String to, String purpose, Instant now) {
        return store.update("UPDATE verification SET status = 'expired', updated_at = :now WHERE to_number = :to"
                + " AND purpose = :purpose AND status = 'pending' AND expires_at <= :now",
                Map.of("to", to, "purpose", purpose, "now", now));
    }

    /** Marks the verification expired if it is still pending and its code expired by {@code now}. */
    boolean expireIfDue(FeatureStore store, UUID id, Instant now) {
        return store.update("UPDATE verification SET status = 'expired', updated_at = :now WHERE id = :id"
                + " AND status = 'pending' AND expires_at <= :now", Map.of("id", id, "now", now)) == 1;
    }

    /** Deletes verifications finished more than {@link #RETENTION} ago. */
    void purge(FeatureStore store, Instant now) {
        store.update("DELETE FROM verification WHERE updated_at < :cutoff AND status <> 'pending'",
                Map.of("cutoff", now.minus(RETENTION)));
    }

    private static Optional<Verification> one(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(Verification::of);
    }
}
