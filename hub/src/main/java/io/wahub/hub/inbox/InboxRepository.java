package io.wahub.hub.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.db.Refs;
import io.wahub.hub.db.RelaxedCommit;
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
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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

    /**
     * An event claimed for processing, ready for the features.
     *
     * @param attempt which attempt this claim is (1 for the first): the event's {@code attempts} as the claim set it,
     *                which fences what this claim may later write (see {@link #finish})
     */
    public record ClaimedEvent(Ref ref, CanonicalEvent event, int attempt) {

        /** The attempts made before this one: failed, or abandoned by a node that died before finishing it. */
        public int priorAttempts() {
            return attempt - 1;
        }
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final RelaxedCommit relaxed;

    public InboxRepository(JdbcClient jdbc, ObjectMapper mapper, RelaxedCommit relaxed) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relaxed = relaxed;
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
     * Takes the pending events of active tenants among {@code refs} for processing, each for a lease: the event stays
     * pending, its {@code attempts} goes up by one and it is not due again before {@code lease} is over, so another
     * claim (a second announcement, another node) gets nothing until then, and the recovery sweep takes it after,
     * should this node die meanwhile. One statement committed on its own without waiting for the disk
     * ({@link RelaxedCommit#alone}: one round trip; a claim lost to a database crash is made again), so not inside a
     * transaction: the features run after it commits. Leaves out events that are done, dead, not yet due for a
     * retry, leased, or being claimed by another node (skipped, not waited for).
     *
     * <p>The events are looked up by primary key. {@code status || ''} keeps the planner off the partial index of
     * pending events: statistics taken while the queue was empty make it look empty, and the planner then scans it
     * for every claim, which during a burst (tens of thousands pending) slows dispatch down a hundredfold.
     */
    public List<ClaimedEvent> claim(List<Ref> refs, Duration lease) {
        return relaxed.alone("""
                        UPDATE inbox_event e
                        SET attempts = e.attempts + 1, next_attempt_at = now() + make_interval(secs => :lease)
                        FROM tenant t
                        WHERE t.id = e.tenant_id AND t.status = 'active'
                          AND (e.tenant_id, e.id) IN (
                              SELECT tenant_id, id FROM inbox_event
                              WHERE (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))
                                AND status || '' = 'pending' AND (attempts = 0 OR next_attempt_at <= now())
                              FOR UPDATE SKIP LOCKED)
                        RETURNING e.*
                        """, new MapSqlParameterSource("tenants", Refs.tenants(refs)).addValue("ids", Refs.ids(refs))
                        .addValue("lease", seconds(lease)), new RowMapperResultSetExtractor<>((rs, n) ->
                        new ClaimedEvent(Refs.read(rs), toEvent(rs), rs.getInt("attempts"))));
    }

    /**
     * Marks claimed events done, in one statement: only those still pending under the same claim (their
     * {@code attempts} as the claim set it). An event whose lease ran out and that was claimed again meanwhile is
     * left to its new claim.
     *
     * @return the events marked done, whose results (their messages) the caller may store
     */
    public List<Ref> finish(List<ClaimedEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE inbox_event e SET status = 'done', processed_at = now(), last_error = NULL
                        FROM unnest(:tenants::text[], :ids::uuid[], :attempts::int[]) AS c(tenant_id, id, attempts)
                        WHERE e.tenant_id = c.tenant_id AND e.id = c.id AND e.attempts = c.attempts
                          AND e.status || '' = 'pending'
                        RETURNING e.tenant_id, e.id
                        """)
                .param("tenants", Refs.tenants(refs(events))).param("ids", Refs.ids(refs(events)))
                .param("attempts", attempts(events))
                .query((rs, n) -> Refs.read(rs)).list();
    }

    /**
     * Gives claimed events back unprocessed, due again after {@code delay}: the claim is undone (it does not count
     * as an attempt). Fenced by the claim as {@link #finish} is.
     */
    public void release(List<ClaimedEvent> events, Duration delay) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE inbox_event e SET attempts = e.attempts - 1,
                               next_attempt_at = now() + make_interval(secs => :delay)
                        FROM unnest(:tenants::text[], :ids::uuid[], :attempts::int[]) AS c(tenant_id, id, attempts)
                        WHERE e.tenant_id = c.tenant_id AND e.id = c.id AND e.attempts = c.attempts
                          AND e.status || '' = 'pending'
                        """)
                .param("tenants", Refs.tenants(refs(events))).param("ids", Refs.ids(refs(events)))
                .param("attempts", attempts(events)).param("delay", seconds(delay))
                .update();
    }

    /**
     * Records a claimed event's failed attempt: retried after {@code backoff}, or dead once {@code maxAttempts}
     * attempts were made. Fenced by the claim as {@link #finish} is.
     */
    public void recordFailure(ClaimedEvent event, String error, Duration backoff, int maxAttempts) {
        jdbc.sql("""
                        UPDATE inbox_event SET last_error = :error,
                               status = CASE WHEN attempts >= :max THEN 'dead' ELSE 'pending' END,
                               next_attempt_at = now() + make_interval(secs => :backoff)
                        WHERE tenant_id = :tenant AND id = :id AND attempts = :attempt AND status = 'pending'
                        """)
                .param("tenant", event.ref().tenantId()).param("id", event.ref().id())
                .param("attempt", event.attempt()).param("error", error).param("max", maxAttempts)
                .param("backoff", seconds(backoff)).update();
    }

    private static List<Ref> refs(List<ClaimedEvent> events) {
        return events.stream().map(ClaimedEvent::ref).toList();
    }

    private static SqlArrayValue attempts(List<ClaimedEvent> events) {
        return new SqlArrayValue("int4", events.stream().map(ClaimedEvent::attempt).toArray());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /**
     * Pending events of active tenants whose time has come: never announced, due for a retry, released, or claimed
     * by a node that did not finish them within their lease (it died, or lost its database connection). Driven by
     * the partial index of pending events (the anti-join keeps the planner from looping over tenants instead).
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
                .query((rs, n) -> summary(rs))
                .list();
    }

    /** An {@link EventSummary} from a row of {@code inbox_event} (also read by {@link EventLog}). */
    static EventSummary summary(ResultSet rs) throws SQLException {
        return new EventSummary(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("source"),
                rs.getString("delivery_id"), rs.getString("status"), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "occurred_at"), instant(rs, "received_at"),
                instant(rs, "processed_at"));
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
