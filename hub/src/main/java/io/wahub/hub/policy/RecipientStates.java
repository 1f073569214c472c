package io.wahub.hub.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * What the hub learnt about sending to a tenant's recipients ({@code recipient_state}): undeliverable numbers,
 * marketing back-offs and the per-recipient pacing slots. Every query is scoped by tenant.
 */
@Repository
public class RecipientStates {

    /** One tenant's recipient. */
    public record Recipient(String tenantId, String phone) {
    }

    /** The flags of a recipient; null fields are not set. */
    public record Flags(Instant undeliverableSince, String undeliverableDetail, Instant marketingPausedUntil) {
    }

    private final JdbcClient jdbc;

    public RecipientStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The flags of those of {@code recipients} that have any, in one query. */
    public Map<Recipient, Flags> flags(List<Recipient> recipients) {
        Map<Recipient, Flags> flags = new HashMap<>();
        if (recipients.isEmpty()) {
            return flags;
        }
        jdbc.sql("""
                        SELECT s.tenant_id, s.recipient, s.undeliverable_since, s.undeliverable_detail,
                               s.marketing_paused_until
                        FROM recipient_state s
                        WHERE (s.tenant_id, s.recipient) IN (SELECT * FROM unnest(:tenants::text[], :phones::text[]))
                          AND (s.undeliverable_since IS NOT NULL OR s.marketing_paused_until IS NOT NULL)
                        """)
                .param("tenants", new SqlArrayValue("text", recipients.stream().map(Recipient::tenantId).toArray()))
                .param("phones", new SqlArrayValue("text", recipients.stream().map(Recipient::phone).toArray()))
                .query((rs, n) -> flags.put(new Recipient(rs.getString("tenant_id"), rs.getString("recipient")),
                        new Flags(instant(rs, "undeliverable_since"), rs.getString("undeliverable_detail"),
                                instant(rs, "marketing_paused_until"))))
                .list();
        return flags;
    }

    /** WhatsApp called the number undeliverable: later sends are suppressed until the customer writes in. */
    public void markUndeliverable(Recipient recipient, Instant at, String detail) {
        jdbc.sql("""
                        INSERT INTO recipient_state (tenant_id, recipient, undeliverable_since, undeliverable_detail)
                        VALUES (:tenant, :phone, :at, :detail)
                        ON CONFLICT (tenant_id, recipient) DO UPDATE
                        SET undeliverable_since = COALESCE(recipient_state.undeliverable_since, excluded.undeliverable_since),
                            undeliverable_detail = excluded.undeliverable_detail
                        """)
                .param("tenant", recipient.tenantId()).param("phone", recipient.phone())
                .param("at", Timestamp.from(at)).param("detail", detail).update();
    }

    /** The customer wrote in: the number is deliverable again. */
    public void clearUndeliverable(Recipient recipient) {
        jdbc.sql("""
                        UPDATE recipient_state SET undeliverable_since = NULL, undeliverable_detail = NULL
                        WHERE tenant_id = :tenant AND recipient = :phone AND undeliverable_since IS NOT NULL
                        """)
                .param("tenant", recipient.tenantId()).param("phone", recipient.phone()).update();
    }

    /** No marketing to the recipient before {@code until} (a later back-off already recorded stays). */
    public void pauseMarketing(Recipient recipient, Instant until) {
        jdbc.sql("""
                        INSERT INTO recipient_state (tenant_id, recipient, marketing_paused_until)
                        VALUES (:tenant, :phone, :until)
                        ON CONFLICT (tenant_id, recipient) DO UPDATE
                        SET marketing_paused_until = GREATEST(recipient_state.marketing_paused_until, excluded.marketing_paused_until)
                        """)
                .param("tenant", recipient.tenantId()).param("phone", recipient.phone())
                .param("until", Timestamp.from(until)).update();
    }

    /**
     * Reserves pacing slots, in the caller's transaction: for each recipient, {@code count} slots {@code interval}
     * apart, from its next free slot or now, whichever is later; the row stays locked until the transaction ends, so
     * concurrent batches take consecutive slots. Recipients are taken in a fixed order (no deadlock).
     *
     * @param counts messages per recipient, sorted by tenant then phone
     * @return per recipient, the first reserved slot
     */
    public Map<Recipient, Instant> reserveSlots(Map<Recipient, Integer> counts, Duration interval) {
        Map<Recipient, Instant> first = new HashMap<>();
        if (counts.isEmpty()) {
            return first;
        }
        List<Recipient> keys = List.copyOf(counts.keySet());
        jdbc.sql("""
                        INSERT INTO recipient_state AS s (tenant_id, recipient, next_send_at)
                        SELECT r.tenant_id, r.phone, now() + make_interval(secs => r.n * :interval)
                        FROM unnest(:tenants::text[], :phones::text[], :counts::int[]) AS r(tenant_id, phone, n)
                        ON CONFLICT (tenant_id, recipient) DO UPDATE
                        SET next_send_at = GREATEST(s.next_send_at, now())
                                           + (excluded.next_send_at - now())
                        RETURNING s.tenant_id, s.recipient, s.next_send_at
                        """)
                .param("tenants", new SqlArrayValue("text", keys.stream().map(Recipient::tenantId).toArray()))
                .param("phones", new SqlArrayValue("text", keys.stream().map(Recipient::phone).toArray()))
                .param("counts", new SqlArrayValue("int", keys.stream().map(counts::get).toArray()))
                .param("interval", interval.toMillis() / 1000.0)
                .query((rs, n) -> {
                    Recipient recipient = new Recipient(rs.getString("tenant_id"), rs.getString("recipient"));
                    Instant end = rs.getTimestamp("next_send_at").toInstant();
                    return first.put(recipient, end.minus(interval.multipliedBy(counts.get(recipient))));
                })
                .list();
        return first;
    }

    /** Deletes up to {@code limit} rows that say nothing any more: slot long passed, no flag in force. */
    public int sweep(Duration olderThan, int limit) {
        return jdbc.sql("""
                        DELETE FROM recipient_state WHERE (tenant_id, recipient) IN (
                            SELECT tenant_id, recipient FROM recipient_state
                            WHERE undeliverable_since IS NULL
                              AND (marketing_paused_until IS NULL OR marketing_paused_until < now())
                              AND (next_send_at IS NULL OR next_send_at < now() - make_interval(secs => :older))
                            LIMIT :limit)
                        """)
                .param("older", olderThan.toSeconds()).param("limit", limit).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
