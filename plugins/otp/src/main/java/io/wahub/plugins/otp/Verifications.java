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

    /**
     * The pending verification for the number and purpose, locked until the transaction ends. One whose code expired
     * by {@code now} is marked expired instead, and not returned.
     */
    Optional<Verification> pending(FeatureStore store, String to, String purpose, Instant now) {
        Optional<Verification> pending = one(store.query("SELECT " + COLUMNS + " FROM verification"
                + " WHERE to_number = :to AND purpose = :purpose AND status = 'pending' FOR UPDATE",
                Map.of("to", to, "purpose", purpose)));
        if (pending.isPresent() && !now.isBefore(pending.get().expiresAt())) {
            change(store, pending.get(), Verification.EXPIRED, pending.get().checks(), now, null);
            return Optional.empty();
        }
        return pending;
    }

    /** The newest verification for the number and purpose, whatever its status. */
    Optional<Verification> latest(FeatureStore store, String to, String purpose) {
        return one(store.query("SELECT " + COLUMNS + " FROM verification WHERE to_number = :to AND purpose = :purpose"
                + " ORDER BY created_at DESC LIMIT 1", Map.of("to", to, "purpose", purpose)));
    }

    /**
     * Records a code sent for {@code v}, unless its number had {@code limit} sends already within the fraud guard's
     * window ({@link FraudGuard#SEND_IF_ALLOWED}): the send, the verification (inserted when new, its send count and
     * time when resent) and its counter ({@code started}, {@code resent}), in one statement.
     *
     * @param sends the fraud guard's parameters ({@link FraudGuard#sendParameters})
     * @return the number's sends within the window before this one (up to {@code limit}): this one was recorded only
     *         when under it
     */
    long send(FeatureStore store, Verification v, boolean resend, Map<String, Object> sends) {
        Map<String, Object> params = new HashMap<>(sends);
        params.put("id", v.id());
        params.put("now", v.updatedAt());
        params.put("send_count", v.sendCount());
        params.put("counter", resend ? OtpStats.RESENT : OtpStats.STARTED);
        String stored = resend ? """
                done AS (UPDATE verification SET send_count = :send_count, updated_at = :now
                         WHERE id = :id AND EXISTS (SELECT 1 FROM sent) RETURNING 1)""" : """
                done AS (INSERT INTO verification (tenant_id, id, to_number, purpose, status, seed, code_length,
                                                   checks, max_checks, send_count, created_at, expires_at, updated_at)
                         SELECT :tenant_id, :id, :to, :purpose, :status, :seed, :code_length, 0, :max_checks,
                                :send_count, :created_at, :expires_at, :created_at FROM sent RETURNING 1)""";
        if (!resend) {
            params.put("purpose", v.purpose());
            params.put("status", v.status());
            params.put("seed", v.seed());
            params.put("code_length", v.codeLength());
            params.put("max_checks", v.maxChecks());
            params.put("created_at", v.createdAt());
            params.put("expires_at", v.expiresAt());
        }
        return ((Number) store.query("WITH " + FraudGuard.SEND_IF_ALLOWED + ",\n" + stored + ",\ncounted AS ("
                + OtpStats.ADD + ")\nSELECT sent FROM recent", params).getFirst().get("sent")).longValue();
    }

    /**
     * Sets a verification's status and wrong checks, and adds one to {@code counter} (null: none), in one statement.
     */
    void change(FeatureStore store, Verification v, String status, int checks, Instant now, String counter) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", v.id());
        params.put("status", status);
        params.put("checks", checks);
        params.put("now", now);
        params.put("counter", counter);
        String update = "UPDATE verification SET status = :status, checks = :checks, updated_at = :now WHERE id = :id";
        store.update(counter == null ? update : "WITH done AS (" + update + " RETURNING 1) " + OtpStats.ADD, params);
    }

    /**
     * Marks the verification expired if it is still pending and its code expired by {@code now}, and counts it
     * {@code expired}.
     */
    boolean expireIfDue(FeatureStore store, UUID id, Instant now) {
        return store.update("WITH done AS (UPDATE verification SET status = 'expired', updated_at = :now"
                + " WHERE id = :id AND status = 'pending' AND expires_at <= :now RETURNING 1) " + OtpStats.ADD,
                Map.of("id", id, "now", now, "counter", OtpStats.EXPIRED)) == 1;
    }

    /** Marks every pending verification whose code expired by {@code now} expired, and counts them {@code expired}. */
    void expireAll(FeatureStore store, Instant now) {
        store.update("WITH done AS (UPDATE verification SET status = 'expired', updated_at = :now"
                + " WHERE status = 'pending' AND expires_at <= :now RETURNING 1) " + OtpStats.ADD,
                Map.of("now", now, "counter", OtpStats.EXPIRED));
    }

    /** Deletes verifications finished more than {@link #RETENTION} ago. */
    void purge(FeatureStore store, Instant now) {
        store.update("DELETE FROM verification WHERE updated_at < :cutoff AND status <> 'pending'",
                Map.of("cutoff", now.minus(RETENTION)));
    }

    /** When the longest-finished verification still kept finished (empty: none is kept). */
    Optional<Instant> oldestFinished(FeatureStore store) {
        return Optional.ofNullable((Instant) store.query("SELECT min(updated_at) AS at FROM verification"
                + " WHERE status <> 'pending'", Map.of()).getFirst().get("at"));
    }

    private static Optional<Verification> one(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(Verification::of);
    }
}
