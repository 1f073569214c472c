package io.wahub.hub.message;

import io.wahub.hub.db.Refs;
import io.wahub.hub.db.RelaxedCommit;
import io.wahub.routes.Ref;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PhoneNumbers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
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

    /**
     * A claimed message that can never be sent as stored (a poison message): its recipient is not an E.164 number
     * ({@value #INVALID_RECIPIENT}), or its content does not make a message ({@value #INVALID_CONTENT}).
     *
     * @param sentence why, in a sentence naming the stored value
     */
    public record Unsendable(Ref ref, String reasonCode, String sentence) {
    }

    /** What a claim took: the messages to attempt, and those that can never be sent. */
    public record Claim(List<ClaimedMessage> messages, List<Unsendable> unsendable) {
    }

    public static final String INVALID_RECIPIENT = "invalid-recipient";
    public static final String INVALID_CONTENT = "invalid-content";

    private record Row(ClaimedMessage message, Unsendable unsendable) {
    }

    private final JdbcClient jdbc;
    private final MessageContent content;
    private final RelaxedCommit relaxed;

    public MessageClaims(JdbcClient jdbc, MessageContent content, RelaxedCommit relaxed) {
        this.jdbc = jdbc;
        this.content = content;
        this.relaxed = relaxed;
    }

    /**
     * Claims the messages among {@code refs} that are due, each for one attempt, reserving them for {@code lease}.
     * Leaves out messages that are not due, already sent, dead, or claimed by another node whose lease has not
     * expired. Looked up by primary key: {@code status || ''} keeps the planner off the partial index of unsent
     * messages, as in {@code InboxRepository#claim}. One statement committed on its own without waiting for the
     * disk ({@link RelaxedCommit#alone}: one round trip; a claim lost to a database crash is made again), so not
     * inside a transaction.
     *
     * <p>A claimed row that does not read as a message is returned as {@link Unsendable} rather than failing the
     * claim, so one poison message never holds back the rest of its batch.
     */
    public Claim claim(List<Ref> refs, Duration lease) {
        List<Row> rows = relaxed.alone("""
                        UPDATE message SET status = 'sending', attempts = attempts + 1, updated_at = now(),
                               next_attempt_at = now() + make_interval(secs => :lease)
                        WHERE (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))
                          AND ((status || '' = 'queued' AND (attempts = 0 OR next_attempt_at <= now()))
                               OR (status || '' IN ('sending', 'deferred') AND next_attempt_at <= now()))
                        RETURNING tenant_id, id, channel, recipient, category, content::text AS content,
                                  idempotency_key, attempts
                        """, new MapSqlParameterSource("tenants", Refs.tenants(refs)).addValue("ids", Refs.ids(refs))
                        .addValue("lease", lease.toMillis() / 1000.0),
                new RowMapperResultSetExtractor<>((rs, n) -> read(rs)));
        return new Claim(rows.stream().map(Row::message).filter(Objects::nonNull).toList(),
                rows.stream().map(Row::unsendable).filter(Objects::nonNull).toList());
    }

    private Row read(ResultSet rs) throws SQLException {
        Ref ref = Refs.read(rs);
        String recipient = rs.getString("recipient");
        if (!PhoneNumbers.isE164(recipient)) {
            return new Row(null, new Unsendable(ref, INVALID_RECIPIENT, "The recipient '" + recipient
                    + "' is not a phone number in E.164 form (+ and 7 to 15 digits), so the message cannot be sent."));
        }
        try {
            return new Row(new ClaimedMessage(ref, rs.getString("channel"), content.read(rs), rs.getInt("attempts")),
                    null);
        } catch (RuntimeException unreadable) {
            return new Row(null, new Unsendable(ref, INVALID_CONTENT, "The stored message does not make a message to"
                    + " send (" + unreadable.getMessage() + "), so it cannot be sent."));
        }
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
