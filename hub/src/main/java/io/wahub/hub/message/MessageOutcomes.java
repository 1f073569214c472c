package io.wahub.hub.message;

import static io.wahub.hub.message.SqlArrays.array;

import io.wahub.hub.db.Refs;
import io.wahub.routes.Ref;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What became of messages: the outcomes of delivery attempts, and the status reports channels send later, each
 * with an entry in the message's status history. Every query is scoped by tenant.
 */
@Repository
public class MessageOutcomes {

    /**
     * What became of a claimed message's delivery attempt.
     *
     * @param status     the new status: {@code sent}, {@code queued} (to be tried again after {@code delay}),
     *                   {@code dead}, or what the send policy decided instead of an attempt: {@code suppressed}
     *                   (final) or {@code deferred} (due again after {@code delay}; the claim's attempt is given
     *                   back)
     * @param reasonCode the send policy's reason code, for {@code suppressed} and {@code deferred}; else null
     */
    public record Outcome(Ref ref, String status, String error, String providerMessageId, Duration delay,
                          String reasonCode) {

        public static Outcome sent(Ref ref, String providerMessageId) {
            return new Outcome(ref, "sent", null, providerMessageId, Duration.ZERO, null);
        }

        public static Outcome retry(Ref ref, String error, Duration backoff) {
            return new Outcome(ref, "queued", error, null, backoff, null);
        }

        public static Outcome dead(Ref ref, String error) {
            return new Outcome(ref, "dead", error, null, Duration.ZERO, null);
        }

        public static Outcome suppressed(Ref ref, String reasonCode, String sentence) {
            return new Outcome(ref, "suppressed", sentence, null, Duration.ZERO, reasonCode);
        }

        public static Outcome deferred(Ref ref, String reasonCode, String sentence, Duration delay) {
            return new Outcome(ref, "deferred", sentence, null, delay.isNegative() ? Duration.ZERO : delay,
                    reasonCode);
        }
    }

    private final JdbcClient jdbc;

    public MessageOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the outcomes of delivery attempts in one statement, committed at once and synchronously (it runs in no
     * relaxed transaction): each message's new state and a history entry. {@link OutcomeRecorder} calls it with
     * whatever outcomes are waiting.
     */
    public void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<Ref> refs = outcomes.stream().map(Outcome::ref).toList();
        jdbc.sql("""
                        WITH outcome AS (
                            SELECT * FROM unnest(:tenants::text[], :ids::uuid[], :statuses::text[], :errors::text[],
                                                 :providers::text[], :delays::float8[], :reasons::text[])
                                   AS o(tenant_id, id, status, error, provider, delay, reason)),
                        changed AS (
                            UPDATE message m SET status = o.status, updated_at = now(), last_error = o.error,
                                   provider_message_id = COALESCE(o.provider, m.provider_message_id),
                                   next_attempt_at = now() + make_interval(secs => o.delay), reason_code = o.reason,
                                   attempts = m.attempts - CASE o.status WHEN 'deferred' THEN 1 ELSE 0 END
                            FROM outcome o
                            WHERE m.tenant_id = o.tenant_id AND m.id = o.id
                            RETURNING m.tenant_id, m.id, o.status, o.error)
                        INSERT INTO message_status (tenant_id, message_id, status, detail, at)
                        SELECT tenant_id, id, status, error, clock_timestamp() FROM changed
                        """)
                .param("tenants", Refs.tenants(refs)).param("ids", Refs.ids(refs))
                .param("statuses", array("text", outcomes, Outcome::status))
                .param("errors", array("text", outcomes, Outcome::error))
                .param("providers", array("text", outcomes, Outcome::providerMessageId))
                .param("delays", array("float8", outcomes, o -> o.delay().toMillis() / 1000.0))
                .param("reasons", array("text", outcomes, Outcome::reasonCode))
                .update();
    }

    /**
     * Applies a channel's status report (from a {@code message.status} event) to the tenant's message with that
     * provider id: a history row for every report, and the message's status moved forward only
     * ({@code sent} → {@code delivered} → {@code read}; {@code failed} from any of them), since reports arrive
     * out of order and {@code delivered} may be skipped.
     *
     * @return whether a message with that provider id exists for the tenant
     */
    public boolean applyStatus(String tenantId, String providerMessageId, String status, String detail) {
        Optional<UUID> id = jdbc.sql("""
                        SELECT id FROM message WHERE tenant_id = :tenant AND provider_message_id = :provider
                        """)
                .param("tenant", tenantId).param("provider", providerMessageId).query(UUID.class).optional();
        if (id.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                        UPDATE message SET status = :status, updated_at = now(),
                               last_error = CASE WHEN :status = 'failed' THEN :detail ELSE last_error END
                        WHERE tenant_id = :tenant AND id = :id
                          AND (CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
                                           WHEN 'failed' THEN 4 ELSE 0 END)
                            < (CASE :status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
                                            WHEN 'failed' THEN 4 ELSE 0 END)
                          AND status IN ('sent', 'delivered', 'read')
                        """)
                .param("tenant", tenantId).param("id", id.get()).param("status", status).param("detail", detail)
                .update();
        appendHistory(new Ref(tenantId, id.get()), status, detail);
        return true;
    }

    private void appendHistory(Ref ref, String status, String detail) {
        jdbc.sql("""
                        INSERT INTO message_status (tenant_id, message_id, status, detail, at)
                        VALUES (:tenant, :id, :status, :detail, clock_timestamp())
                        """)
                .param("tenant", ref.tenantId()).param("id", ref.id()).param("status", status)
                .param("detail", detail).update();
    }
}
