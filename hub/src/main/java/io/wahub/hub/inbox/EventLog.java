package io.wahub.hub.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant's received events as the panel looks at them: filtered lists, one event with its payload and the
 * messages it produced, and replaying a dead event. Every query is scoped by tenant.
 */
@Repository
public class EventLog {

    /** Which events to list; a null field does not filter. {@code since} inclusive, {@code until} exclusive. */
    public record Filter(String source, String type, String status, Instant since, Instant until) {
    }

    /** A message an event produced, as the event's detail lists it. */
    public record ProducedMessage(UUID id, String to, String status, Instant createdAt) {
    }

    /** One event with its payload (the canonical event's data) and the messages it produced. */
    public record EventDetail(InboxRepository.EventSummary event, JsonNode payload, List<ProducedMessage> messages) {
    }

    /** What became of a replay. */
    public enum Replay { REPLAYED, NOT_DEAD, NOT_FOUND }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public EventLog(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The newest {@code limit} events matching {@code filter}, newest first. */
    public List<InboxRepository.EventSummary> search(String tenantId, Filter filter, int limit) {
        return jdbc.sql("""
                        SELECT * FROM inbox_event
                        WHERE tenant_id = :tenant
                          AND (CAST(:source AS text) IS NULL OR source = :source)
                          AND (CAST(:type AS text) IS NULL OR type = :type)
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:since AS timestamptz) IS NULL OR received_at >= :since)
                          AND (CAST(:until AS timestamptz) IS NULL OR received_at < :until)
                        ORDER BY received_at DESC LIMIT :limit
                        """)
                .param("tenant", tenantId).param("source", filter.source()).param("type", filter.type())
                .param("status", filter.status()).param("since", timestamp(filter.since()))
                .param("until", timestamp(filter.until())).param("limit", limit)
                .query((rs, n) -> InboxRepository.summary(rs)).list();
    }

    public Optional<EventDetail> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM inbox_event WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id)
                .query((rs, n) -> new EventDetail(InboxRepository.summary(rs), json(rs.getString("payload")),
                        produced(tenantId, id)))
                .optional();
    }

    /**
     * Hands the tenant's event {@code id} to the features again if, and only if, it is {@code dead} now: back to
     * {@code pending} with no attempts, due at once (one statement, so two replays at once replay it once).
     */
    public Replay replay(String tenantId, UUID id) {
        int replayed = jdbc.sql("""
                        UPDATE inbox_event SET status = 'pending', attempts = 0, last_error = NULL,
                                               next_attempt_at = now(), processed_at = NULL
                        WHERE tenant_id = :tenant AND id = :id AND status = 'dead'
                        """)
                .param("tenant", tenantId).param("id", id).update();
        if (replayed > 0) {
            return Replay.REPLAYED;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM inbox_event WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(Long.class).single() > 0;
        return exists ? Replay.NOT_DEAD : Replay.NOT_FOUND;
    }

    private List<ProducedMessage> produced(String tenantId, UUID eventId) {
        return jdbc.sql("""
                        SELECT id, recipient, status, created_at FROM message
                        WHERE tenant_id = :tenant AND event_id = :event ORDER BY created_at, id
                        """)
                .param("tenant", tenantId).param("event", eventId)
                .query((rs, n) -> new ProducedMessage(rs.getObject("id", UUID.class), rs.getString("recipient"),
                        rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event payload is not JSON", e);
        }
    }

    private static java.sql.Timestamp timestamp(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }
}
