package io.wahub.hub.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * A contact's conversation: the inbound messages stored here ({@code inbound_message}, once per channel message id)
 * and the outbound messages of the outbox addressed to the contact's number, merged newest first. Every query is
 * scoped by tenant.
 */
@Repository
public class ConversationRepository {

    /** An inbound message to store. */
    public record Inbound(String channel, String messageId, UUID contactId, String kind, String text,
                          String buttonPayload, String replyTo, Instant sentAt) {
    }

    /**
     * One entry of the timeline.
     *
     * @param direction {@code inbound} or {@code outbound}
     * @param id        the channel's message id for inbound entries, the hub's message id for outbound ones
     * @param kind      {@code text}, {@code template}, {@code interactive}, {@code button}, media type…
     * @param template  the template's name, for outbound template messages
     * @param status    {@code received} for inbound; the outbox status for outbound
     * @param history   an outbound message's status changes, oldest first (empty for inbound)
     */
    public record Entry(String direction, String id, String kind, String text, String template, String category,
                        String status, String providerMessageId, String error, Instant at, List<Change> history) {
    }

    /** A status change of an outbound message. */
    public record Change(String status, String detail, Instant at) {
    }

    private final JdbcClient jdbc;

    public ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores an inbound message; false when it was stored before (a redelivery). */
    public boolean store(String tenantId, Inbound message, Instant now) {
        return jdbc.sql("""
                        INSERT INTO inbound_message (tenant_id, channel, message_id, contact_id, kind, text,
                                                     button_payload, reply_to, sent_at, received_at)
                        VALUES (:tenant, :channel, :id, :contact, :kind, :text, :payload, :replyTo, :sentAt, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenantId).param("channel", message.channel()).param("id", message.messageId())
                .param("contact", message.contactId()).param("kind", message.kind()).param("text", message.text())
                .param("payload", message.buttonPayload()).param("replyTo", message.replyTo())
                .param("sentAt", Timestamp.from(message.sentAt())).param("now", Timestamp.from(now))
                .update() > 0;
    }

    /**
     * One page of the timeline of the contact with this id and number, newest first, after the cursor position.
     * Each side is read from its own index (inbound by contact and time, outbound by recipient and time), limited,
     * then merged; ids are compared byte-wise ({@code COLLATE "C"}, the order of the outbox's uuids) so that entries
     * of the same instant page stably.
     */
    public List<Entry> page(String tenantId, UUID contactId, String phone, PageCursor after, int limit) {
        List<Entry> entries = jdbc.sql("""
                        SELECT * FROM (
                        (SELECT 'inbound' AS direction, message_id AS id, kind, text, NULL AS template,
                                NULL AS category, 'received' AS status, message_id AS provider_message_id,
                                NULL AS error, sent_at AS at
                         FROM inbound_message
                         WHERE tenant_id = :tenant AND contact_id = :contact
                           AND (:afterAt::timestamptz IS NULL
                                OR (sent_at, message_id COLLATE "C") < (:afterAt::timestamptz, :afterId::text))
                         ORDER BY sent_at DESC, message_id COLLATE "C" DESC LIMIT :limit)
                        UNION ALL
                        (SELECT 'outbound', id::text,
                                CASE WHEN content -> 'template' IS NOT NULL THEN 'template'
                                     WHEN content -> 'interactive' IS NOT NULL THEN 'interactive' ELSE 'text' END,
                                COALESCE(content ->> 'text', content #>> '{interactive,body}'),
                                content #>> '{template,name}', category, status, provider_message_id, last_error,
                                created_at
                         FROM message
                         WHERE tenant_id = :tenant AND recipient = :phone
                           AND (:afterAt::timestamptz IS NULL
                                OR (created_at, id::text COLLATE "C") < (:afterAt::timestamptz, :afterId::text))
                         ORDER BY created_at DESC, id DESC LIMIT :limit)) timeline
                        ORDER BY at DESC, id COLLATE "C" DESC LIMIT :limit
                        """)
                .param("tenant", tenantId).param("contact", contactId).param("phone", phone)
                .param("afterAt", after == null ? null : Timestamp.from(after.at()))
                .param("afterId", after == null ? null : after.id()).param("limit", limit)
                .query(ConversationRepository::entry).list();
        List<UUID> outbound = entries.stream().filter(e -> e.direction().equals("outbound"))
                .map(e -> UUID.fromString(e.id())).toList();
        if (outbound.isEmpty()) {
            return entries;
        }
        Map<String, List<Change>> history = jdbc.sql("""
                        SELECT message_id, status, detail, at FROM message_status
                        WHERE tenant_id = :tenant AND message_id = ANY(:ids::uuid[])
                        ORDER BY at
                        """)
                .param("tenant", tenantId).param("ids", new SqlArrayValue("uuid", outbound.toArray()))
                .query((rs, n) -> Map.entry(rs.getString("message_id"), new Change(rs.getString("status"),
                        rs.getString("detail"), rs.getTimestamp("at").toInstant())))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return entries.stream().map(e -> e.direction().equals("inbound") ? e : new Entry(e.direction(), e.id(),
                e.kind(), e.text(), e.template(), e.category(), e.status(), e.providerMessageId(), e.error(), e.at(),
                history.getOrDefault(e.id(), List.of()))).toList();
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getString("direction"), rs.getString("id"), rs.getString("kind"), rs.getString("text"),
                rs.getString("template"), rs.getString("category"), rs.getString("status"),
                rs.getString("provider_message_id"), rs.getString("error"), rs.getTimestamp("at").toInstant(),
                List.of());
    }
}
