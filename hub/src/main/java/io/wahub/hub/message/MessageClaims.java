package io.wahub.hub.message;

import io.wahub.hub.db.Refs;
import io.wahub.routes.Ref;
import io.wahub.sdk.OutboundMessage;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Claims of queued messages for delivery attempts: which messages are due, and claiming them for one node for a
 * lease ({@code queued}/{@code deferred}, or {@code sending} with an expired lease → {@code sending}). Scoped by
 * tenant through each message's ref.
 */
@Repository
public class MessageClaims {

    /** A message claimed for a delivery attempt. */
    public record ClaimedMessage(Ref ref, String channel, OutboundMessage message, int attempts) {
    }

    private final JdbcClient jdbc;
    private final MessageContent content;

    public MessageClaims(JdbcClient jdbc, MessageContent content) {
        this.jdbc = jdbc;
        this.content = content;
    }

    /**
     * Claims the messages among {@code refs} that are due, each for one attempt, reserving them for {@code lease}.
     * Leaves out messages that are not due, already sent, dead, or claimed by another node whose lease has not
     * expired. Looked up by primary key: {@code status || ''} keeps the planner off the partial index of unsent
     * messages, as in {@code InboxRepository#claim}.
     */
    public List<ClaimedMessage> claim(List<Ref> refs, Duration lease) {
        return jdbc.sql("""
                        UPDATE message SET status = 'sending', attempts = attempts + 1, updated_at = now(),
                               next_attempt_at = now() + make_interval(secs => :lease)
                        WHERE (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))
                          AND ((status || '' = 'queued' AND (attempts = 0 OR next_attempt_at <= now()))
                               OR (status || '' IN ('sending', 'deferred') AND next_attempt_at <= now()))
                        RETURNING tenant_id, id, channel, recipient, category, content::text AS content,
                                  idempotency_key, attempts
                        """)
                .param("tenants", Refs.tenants(refs)).param("ids", Refs.ids(refs))
                .param("lease", lease.toMillis() / 1000.0)
                .query((rs, n) -> new ClaimedMessage(Refs.read(rs), rs.getString("channel"), content.read(rs),
                        rs.getInt("attempts")))
                .list();
    }

    /**
     * Messages of active tenants due for an attempt: never announced, retry time reached, or lease expired. Driven
     * by the partial index of unsent messages, as {@code InboxRepository#overdue} is.
     */
    public List<Ref> due(int limit) {
        return jdbc.sql("""
                        SELECT m.tenant_id, m.id FROM message m
                        WHERE m.status IN ('queued', 'sending', 'deferred') AND m.next_attempt_at <= now()
                          AND NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = m.tenant_id AND t.status <> 'active')
                        ORDER BY m.next_attempt_at LIMIT :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> Refs.read(rs)).list();
    }
}
