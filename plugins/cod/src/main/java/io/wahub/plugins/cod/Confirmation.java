package io.wahub.plugins.cod;

import java.time.Instant;
import java.util.Map;

/** One row of {@code confirmation}: a cash-on-delivery order and what became of the question about it. */
record Confirmation(String source, String orderId, String orderNumber, String phone, String firstName, String total,
                    String currency, String status, Instant createdAt, Instant askedAt, Instant remindedAt,
                    String answer, Instant answeredAt, Long answerSeconds, String resolvedBy, int lateReplies,
                    String writeBack, int writeBackAttempts, String writeBackError, Instant writeBackAt,
                    Instant updatedAt) {

    static final String SCHEDULED = "scheduled";
    static final String AWAITING = "awaiting";
    static final String CONFIRMED = "confirmed";
    static final String CANCELLED = "cancelled";
    static final String NEEDS_ATTENTION = "needs-attention";
    static final String CANCELLED_IN_STORE = "cancelled-in-store";
    static final java.util.List<String> STATUSES = java.util.List.of(SCHEDULED, AWAITING, CONFIRMED, CANCELLED,
            NEEDS_ATTENTION, CANCELLED_IN_STORE);

    /** Whether an answer from the customer still applies. */
    boolean open() {
        return SCHEDULED.equals(status) || AWAITING.equals(status) || NEEDS_ATTENTION.equals(status);
    }

    static Confirmation of(Map<String, Object> row) {
        return new Confirmation((String) row.get("source"), (String) row.get("order_id"),
                (String) row.get("order_number"), (String) row.get("phone"), (String) row.get("first_name"),
                (String) row.get("total"), (String) row.get("currency"), (String) row.get("status"),
                (Instant) row.get("created_at"), (Instant) row.get("asked_at"), (Instant) row.get("reminded_at"),
                (String) row.get("answer"), (Instant) row.get("answered_at"),
                row.get("answer_seconds") == null ? null : ((Number) row.get("answer_seconds")).longValue(),
                (String) row.get("resolved_by"), ((Number) row.get("late_replies")).intValue(),
                (String) row.get("write_back"), ((Number) row.get("write_back_attempts")).intValue(),
                (String) row.get("write_back_error"), (Instant) row.get("write_back_at"),
                (Instant) row.get("updated_at"));
    }
}
