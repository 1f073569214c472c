package io.wahub.plugins.cod;

import io.wahub.sdk.FeatureStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The confirmations, in the feature's own table ({@code db/feature/V1__confirmations.sql}) through
 * {@link FeatureStore}: every statement sees the current tenant's rows only, so none names its tenant but the insert
 * ({@code :tenant_id}). Status changes are conditional on the status they leave, so a repeated timer or reply (at
 * least once) changes nothing the second time.
 */
final class Confirmations {

    private static final String COLUMNS = "source, order_id, order_number, phone, first_name, total, currency, status,"
            + " created_at, asked_at, reminded_at, answer, answered_at, answer_seconds, resolved_by, late_replies,"
            + " write_back, write_back_attempts, write_back_error, write_back_at, updated_at";

    private Confirmations() {
    }

    /** Records a new order to ask about; false when it is known already (a redelivered event). */
    static boolean insert(FeatureStore store, Confirmation c) {
        Map<String, Object> params = new HashMap<>();
        params.put("source", c.source());
        params.put("order_id", c.orderId());
        params.put("order_number", c.orderNumber());
        params.put("phone", c.phone());
        params.put("first_name", c.firstName());
        params.put("total", c.total());
        params.put("currency", c.currency());
        params.put("now", c.createdAt());
        return store.update("""
                INSERT INTO confirmation (tenant_id, source, order_id, order_number, phone, first_name, total, currency,
                                          status, created_at, updated_at)
                VALUES (:tenant_id, :source, :order_id, :order_number, :phone, :first_name, :total, :currency,
                        'scheduled', :now, :now)
                ON CONFLICT (tenant_id, source, order_id) DO NOTHING""", params) == 1;
    }

    static Optional<Confirmation> find(FeatureStore store, String source, String orderId) {
        return one(store.query("SELECT " + COLUMNS + " FROM confirmation WHERE source = :source"
                + " AND order_id = :order_id", Map.of("source", source, "order_id", orderId)));
    }

    /** The newest confirmation of an order id, whichever store it came from. */
    static Optional<Confirmation> findByOrder(FeatureStore store, String orderId) {
        return one(store.query("SELECT " + COLUMNS + " FROM confirmation WHERE order_id = :order_id"
                + " ORDER BY created_at DESC LIMIT 1", Map.of("order_id", orderId)));
    }

    /** Newest first, at most {@code limit}; {@code status} null for all. */
    static List<Confirmation> list(FeatureStore store, String status, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("limit", limit);
        return store.query("SELECT " + COLUMNS + " FROM confirmation"
                        + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                        + " ORDER BY created_at DESC, order_id LIMIT :limit", params)
                .stream().map(Confirmation::of).toList();
    }

    /** Marks the question asked (first time only keeps its instant); false when the order is no longer open. */
    static boolean asked(FeatureStore store, String source, String orderId, Instant now) {
        return store.update("""
                UPDATE confirmation SET status = 'awaiting', asked_at = COALESCE(asked_at, :now), updated_at = :now
                WHERE source = :source AND order_id = :order_id AND status IN ('scheduled', 'awaiting')""",
                Map.of("source", source, "order_id", orderId, "now", now)) == 1;
    }

    static boolean reminded(FeatureStore store, String source, String orderId, Instant now) {
        return store.update("""
                UPDATE confirmation SET reminded_at = COALESCE(reminded_at, :now), updated_at = :now
                WHERE source = :source AND order_id = :order_id AND status = 'awaiting'""",
                Map.of("source", source, "order_id", orderId, "now", now)) == 1;
    }

    /**
     * Closes an open confirmation with a decision ({@code confirmed}, {@code cancelled}, {@code needs-attention}):
     * the answer and its time when the customer gave it, and a write-back pending when the store is to be told.
     * False when it was not open any more.
     */
    static boolean decide(FeatureStore store, String source, String orderId, String status, String answer,
                          String resolvedBy, boolean writeBack, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("source", source);
        params.put("order_id", orderId);
        params.put("status", status);
        params.put("answer", answer);
        params.put("resolved_by", resolvedBy);
        params.put("write_back", writeBack ? "pending" : "none");
        params.put("now", now);
        return store.update("""
                UPDATE confirmation SET status = :status, answer = :answer, resolved_by = :resolved_by,
                       answered_at = CASE WHEN CAST(:answer AS text) IS NULL THEN NULL ELSE CAST(:now AS timestamptz) END,
                       answer_seconds = CASE WHEN CAST(:answer AS text) IS NULL OR asked_at IS NULL THEN NULL
                                        ELSE floor(extract(epoch FROM (CAST(:now AS timestamptz) - asked_at))) END,
                       write_back = :write_back, updated_at = :now
                WHERE source = :source AND order_id = :order_id
                  AND status IN ('scheduled', 'awaiting', 'needs-attention')""", params) == 1;
    }

    /** The store cancelled the order: an open confirmation or a confirmed one is closed as cancelled in store. */
    static boolean cancelledInStore(FeatureStore store, String source, String orderId, Instant now) {
        return store.update("""
                UPDATE confirmation SET status = 'cancelled-in-store',
                       resolved_by = COALESCE(resolved_by, 'store'), updated_at = :now
                WHERE source = :source AND order_id = :order_id
                  AND status IN ('scheduled', 'awaiting', 'needs-attention', 'confirmed')""",
                Map.of("source", source, "order_id", orderId, "now", now)) == 1;
    }

    static void lateReply(FeatureStore store, String source, String orderId, Instant now) {
        store.update("UPDATE confirmation SET late_replies = late_replies + 1, updated_at = :now"
                + " WHERE source = :source AND order_id = :order_id",
                Map.of("source", source, "order_id", orderId, "now", now));
    }

    /** Records a write-back attempt's outcome: {@code done}, {@code pending} (retry later) or {@code failed}. */
    static void writeBack(FeatureStore store, String source, String orderId, String outcome, String error,
                          Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("source", source);
        params.put("order_id", orderId);
        params.put("outcome", outcome);
        params.put("error", error);
        params.put("now", now);
        store.update("""
                UPDATE confirmation SET write_back = :outcome, write_back_attempts = write_back_attempts + 1,
                       write_back_error = :error, write_back_at = :now, updated_at = :now
                WHERE source = :source AND order_id = :order_id""", params);
    }

    /** Sets a failed write-back pending again with its attempts reset; false when it had not failed. */
    static boolean retryWriteBack(FeatureStore store, String source, String orderId, Instant now) {
        return store.update("""
                UPDATE confirmation SET write_back = 'pending', write_back_attempts = 0, updated_at = :now
                WHERE source = :source AND order_id = :order_id AND write_back = 'failed'""",
                Map.of("source", source, "order_id", orderId, "now", now)) == 1;
    }

    /** Counts by status, by answer ({@code answer.confirm}), by who resolved it ({@code resolved.no-answer}). */
    static Map<String, Long> counts(FeatureStore store) {
        Map<String, Long> counts = new HashMap<>();
        store.query("SELECT status, count(*) AS n FROM confirmation GROUP BY status", Map.of())
                .forEach(row -> counts.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
        store.query("SELECT 'answer.' || answer AS status, count(*) AS n FROM confirmation WHERE answer IS NOT NULL"
                        + " GROUP BY answer", Map.of())
                .forEach(row -> counts.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
        store.query("SELECT 'resolved.' || resolved_by AS status, count(*) AS n FROM confirmation"
                        + " WHERE resolved_by IS NOT NULL GROUP BY resolved_by", Map.of())
                .forEach(row -> counts.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
        store.query("SELECT count(*) AS n FROM confirmation WHERE write_back = 'failed'", Map.of())
                .forEach(row -> counts.put("write-back.failed", ((Number) row.get("n")).longValue()));
        return counts;
    }

    static List<Long> answerSeconds(FeatureStore store) {
        return store.query("SELECT answer_seconds FROM confirmation WHERE answer_seconds IS NOT NULL"
                        + " ORDER BY answer_seconds", Map.of())
                .stream().map(row -> ((Number) row.get("answer_seconds")).longValue()).toList();
    }

    private static Optional<Confirmation> one(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(Confirmation::of);
    }
}
