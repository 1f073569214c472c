package io.wahub.hub.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.db.Refs;
import io.wahub.routes.Ref;
import io.wahub.sdk.CanonicalEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable inbox of canonical events. An event is stored once per (tenant, source, delivery id); every query
 * is scoped by tenant.
 */
@Repository
public class InboxRepository {

    /** An event as listed in the API. */
    public record EventSummary(UUID id, String type, String source, String deliveryId, String status, int attempts,
                               String lastError, Instant occurredAt, Instant receivedAt, Instant processedAt) {
    }

    /** A claimed event, ready for the features; {@code attempts} counts the failed attempts before this one. */
    public record ClaimedEvent(Ref ref, CanonicalEvent event, int attempts) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public InboxRepository(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * Stores one event in the caller's transaction unless one with the same delivery id exists. Webhooks go through
     * {@link InboxWriter} (group commit); this is for writers that must commit the event together with their own
     * state, such as a catch-up poll and its cursor.
     *
     * @param dueAt when the recovery sweep should take it if the bus has not delivered it by then
     * @return the new event's id, or empty for a duplicate
     */
    public Optional<UUID> insert(CanonicalEvent event, Instant receivedAt, Instant dueAt) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        INSERT INTO inbox_event (tenant_id, id, source, delivery_id, type, occurred_at, received_at,
                                                 payload, next_attempt_at)
                        VALUES (:tenant, :id, :source, :delivery, :type, :occurred, :received, :payload::jsonb, :due)
                        ON CONFLICT (tenant_id, source, delivery_id) DO NOTHING
                        """)
                .param("tenant", event.tenantId()).param("id", id).param("source", event.source())
                .param("delivery", event.deliveryId()).param("type", event.type())
                .param("occurred", Timestamp.from(event.occurredAt()))
                .param("received", Timestamp.from(receivedAt))
                .param("payload", event.payload().toString()).param("due", Timestamp.from(dueAt))
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /**
     * Takes the pending events of active tenants among {@code refs} for processing: marks them done and locks them
     * for the rest of the current transaction, so a failure rolls them back to pending. Leaves out events that are
     * done, dead, not yet due for a retry, or being processed by another node (skipped, not waited for).
     *
     * <p>The events are looked up by primary key. {@code status || ''} keeps the planner off the partial index of
     * pending events: statistics taken while the queue was empty make it look empty, and the planner then scans it
     * for every claim, which during a burst (tens of thousands pending) slows dispatch down a hundredfold.
     */
    public List<ClaimedEvent> claim(List<Ref> refs) {
        return jdbc.sql("""
                        UPDATE inbox_event e
                        SET status = 'done', attempts = e.attempts + 1, processed_at = now(), last_error = NULL
                        FROM tenant t
                        WHERE t.id = e.tenant_id AND t.status = 'active'
                          AND (e.tenant_id, e.id) IN (
                              SELECT tenant_id, id FROM inbox_event
                              WHERE (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))
                                AND status || '' = 'pending' AND (attempts = 0 OR next_attempt_at <= now())
                              FOR UPDATE SKIP LOCKED)
                        RETURNING e.*
                        """)
                .param("tenants", Refs.tenants(refs)).param("ids", Refs.ids(refs))
                .query((rs, n) -> new ClaimedEvent(Refs.read(rs), toEvent(rs), rs.getInt("attempts") - 1))
                .list();
    }

    /** Records a failed attempt: retried after {@code backoff}, or dead once {@code maxAttempts} is reached. */
    public void recordFailure(Ref ref, String error, Duration backoff, int maxAttempts) {
        jdbc.sql("""
                        UPDATE inbox_event SET attempts = attempts + 1, last_error = :error,
                               status = CASE WHEN attempts + 1 >= :max THEN 'dead' ELSE 'pending' END,
                               next_attempt_at = now() + make_interval(secs => :backoff)
                        WHERE tenant_id = :tenant AND id = :id AND status = 'pending'
                        """)
                .param("tenant", ref.tenantId()).param("id", ref.id()).param("error", error)
                .param("max", maxAttempts).param("backoff", backoff.toMillis() / 1000.0).update();
    }

    /**
     * Pending events of active tenants whose time has come (never announced, or due for a retry). Driven by the
     * partial index of pending events (the anti-join keeps the planner from looping over tenants instead).
     */
    public List<Ref> overdue(int limit) {
        return jdbc.sql("""
                        SELECT e.tenant_id, e.id FROM inbox_event e
                        WHERE e.status = 'pending' AND e.next_attempt_at <= now()
                          AND NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = e.tenant_id AND t.status <> 'active')
                        ORDER BY e.next_attempt_at LIMIT :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> Refs.read(rs)).list();
    }

    public List<EventSummary> latest(String tenantId, int limit) {
        return jdbc.sql("""
                        SELECT id, type, source, delivery_id, status, attempts, last_error, occurred_at, received_at,
                               processed_at
                        FROM inbox_event WHERE tenant_id = :tenant ORDER BY received_at DESC LIMIT :limit
                        """)
                .param("tenant", tenantId).param("limit", limit)
                .query((rs, n) -> new EventSummary(rs.getObject("id", UUID.class), rs.getString("type"),
                        rs.getString("source"), rs.getString("delivery_id"), rs.getString("status"),
                        rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "occurred_at"),
                        instant(rs, "received_at"), instant(rs, "processed_at")))
                .list();
    }

    private CanonicalEvent toEvent(ResultSet rs) throws SQLException {
        try {
            return new CanonicalEvent(rs.getString("tenant_id"), rs.getString("type"), rs.getString("source"),
                    rs.getString("delivery_id"), instant(rs, "occurred_at"),
                    (ObjectNode) mapper.readTree(rs.getString("payload")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
