package io.wahub.hub.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages and their status history as the API shows them. Every query is scoped by tenant. */
@Repository
public class MessageViews {

    /**
     * A message as listed in the API.
     *
     * @param text          a text message's text, or a template message's filled text ({@link Rendition})
     * @param nextAttemptAt while the message is {@code queued}, {@code deferred} or {@code sending}: when it is tried
     *                      (again), or when the lease of the node sending it expires; null in every other state
     * @param reasonCode    for a {@code suppressed} or {@code deferred} message: why (stable code; {@code lastError}
     *                      says it in a sentence); else null
     * @param buttons       a template message's buttons as shown ({@link Rendition.Button}); empty otherwise
     */
    public record MessageView(UUID id, String channel, String to, String category, String text,
                              Map<String, Object> template, String status, int attempts, String providerMessageId,
                              String lastError, String reasonCode, Instant createdAt, Instant updatedAt,
                              Instant nextAttemptAt, List<Map<String, Object>> buttons) {
    }

    /** One entry of a message's status history. */
    public record StatusChange(String status, String detail, Instant at) {
    }


    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public MessageViews(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public List<MessageView> latest(String tenantId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM message WHERE tenant_id = :tenant ORDER BY created_at DESC, id LIMIT :limit
                        """)
                .param("tenant", tenantId).param("limit", limit).query(this::toView).list();
    }

    public Optional<MessageView> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM message WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(this::toView).optional();
    }

    /**
     * The message's status history: how it was created (queued, or suppressed when stored, with the reason), read
     * from the message itself, then every recorded change.
     */
    public List<StatusChange> history(String tenantId, UUID id) {
        return jdbc.sql("""
                        SELECT status, detail, at FROM (
                            SELECT CASE WHEN status = 'suppressed' AND attempts = 0 THEN 'suppressed'
                                        ELSE 'queued' END AS status,
                                   CASE WHEN status = 'suppressed' AND attempts = 0 THEN last_error END AS detail,
                                   created_at AS at,
                                   0 AS created
                            FROM message WHERE tenant_id = :tenant AND id = :id
                            UNION ALL
                            SELECT status, detail, at, 1 FROM message_status
                            WHERE tenant_id = :tenant AND message_id = :id) history
                        ORDER BY at, created
                        """)
                .param("tenant", tenantId).param("id", id)
                .query((rs, n) -> new StatusChange(rs.getString("status"), rs.getString("detail"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    @SuppressWarnings("unchecked")
    private MessageView toView(ResultSet rs, int row) throws SQLException {
        try {
            Map<String, Object> content = mapper.readValue(rs.getString("content"), Map.class);
            Map<String, Object> rendered = (Map<String, Object>) content.getOrDefault("rendered", Map.of());
            String text = content.containsKey("text") ? (String) content.get("text") : (String) rendered.get("text");
            String status = rs.getString("status");
            Instant nextAttemptAt = status.equals("queued") || status.equals("sending") || status.equals("deferred")
                    ? rs.getTimestamp("next_attempt_at").toInstant() : null;
            return new MessageView(rs.getObject("id", UUID.class), rs.getString("channel"),
                    rs.getString("recipient"), rs.getString("category"), text,
                    (Map<String, Object>) content.get("template"), status, rs.getInt("attempts"),
                    rs.getString("provider_message_id"), rs.getString("last_error"), rs.getString("reason_code"),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                    nextAttemptAt, (List<Map<String, Object>>) rendered.getOrDefault("buttons", List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message content is not JSON", e);
        }
    }
}
