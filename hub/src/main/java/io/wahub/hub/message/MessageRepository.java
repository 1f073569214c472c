package io.wahub.hub.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.hub.db.Refs;
import io.wahub.routes.Ref;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The outbox of messages to customers and their status history. Every query is scoped by tenant.
 *
 * <p>States: {@code queued} → {@code sending} (claimed by one node for a lease) → {@code sent}, or back to
 * {@code queued} with a later {@code next_attempt_at} after a retryable failure, or {@code dead} (the dead-letter
 * state) after a permanent failure or too many attempts. Channels later report {@code delivered}, {@code read} or
 * {@code failed}. A message over the tenant's monthly quota is stored as {@code blocked} and never sent.
 */
@Repository
public class MessageRepository {

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

    /** A message claimed for a delivery attempt. */
    public record ClaimedMessage(Ref ref, String channel, OutboundMessage message, int attempts) {
    }

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
    private final ObjectMapper mapper;

    public MessageRepository(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * A message a feature queued while its event was dispatched, to be stored with the event's batch.
     *
     * @param delay     how long the bus has to announce it before the recovery sweep takes it
     * @param rendition a template message's filled text, or why its template could not be filled (then the
     *                  message is stored dead); null for other messages
     */
    public record NewMessage(String tenantId, String channel, OutboundMessage message, UUID eventId,
                             Duration delay, Rendition rendition) {

        public NewMessage(String tenantId, String channel, OutboundMessage message, UUID eventId, Duration delay) {
            this(tenantId, channel, message, eventId, delay, null);
        }

        /** This message with its template resolved: {@code message} filled, or a failed rendition. */
        public NewMessage resolved(OutboundMessage resolved, Rendition rendition) {
            return new NewMessage(tenantId, channel, resolved, eventId, delay, rendition);
        }

        /** The message's reference. */
        public Ref ref() {
            return new Ref(tenantId, id());
        }

        /** The id the message has, or the message with the same idempotency key already had. */
        public UUID id() {
            return MessageRepository.id(tenantId, message.idempotencyKey());
        }
    }

    /**
     * A message's id, derived from its tenant and idempotency key (a name-based UUID), so that a message is known by
     * its id before it is stored, and a second message with the same key gets the first one's id.
     */
    public static UUID id(String tenantId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((tenantId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores queued messages in one statement, but those whose idempotency key the tenant already used. The first
     * history entry of each is the row itself (see {@link #history}), so queueing writes one row per message. A
     * message whose template could not be filled ({@link Rendition#failed()}) is stored {@code dead} with the
     * reason, and a history entry saying so.
     *
     * @return the messages stored now as {@code queued} (not those turned away by their key, nor dead ones), in no
     *         particular order
     */
    public List<Ref> enqueue(List<NewMessage> queued) {
        if (queued.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH stored AS (
                            INSERT INTO message (tenant_id, id, event_id, channel, recipient, category, content,
                                                 idempotency_key, status, last_error, next_attempt_at, created_at,
                                                 updated_at)
                            SELECT m.tenant_id, m.id, m.event_id, m.channel, m.recipient, m.category, m.content::jsonb,
                                   m.key, CASE WHEN m.failure IS NULL THEN 'queued' ELSE 'dead' END, m.failure,
                                   now() + make_interval(secs => m.delay), now(), now()
                            FROM unnest(:tenants::text[], :ids::uuid[], :events::uuid[], :channels::text[],
                                        :recipients::text[], :categories::text[], :contents::text[], :keys::text[],
                                        :delays::float8[], :failures::text[])
                                 AS m(tenant_id, id, event_id, channel, recipient, category, content, key, delay,
                                      failure)
                            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
                            RETURNING tenant_id, id, status, last_error),
                        dead AS (
                            INSERT INTO message_status (tenant_id, message_id, status, detail, at)
                            SELECT tenant_id, id, status, last_error, clock_timestamp() FROM stored
                            WHERE status = 'dead')
                        SELECT tenant_id, id FROM stored WHERE status = 'queued'
                        """)
                .param("tenants", array("text", queued, NewMessage::tenantId))
                .param("ids", array("uuid", queued, NewMessage::id))
                .param("events", array("uuid", queued, NewMessage::eventId))
                .param("channels", array("text", queued, NewMessage::channel))
                .param("recipients", array("text", queued, m -> m.message().to()))
                .param("categories", array("text", queued, m -> m.message().category().name()))
                .param("contents", array("text", queued, this::content))
                .param("keys", array("text", queued, m -> m.message().idempotencyKey()))
                .param("delays", array("float8", queued, m -> m.delay().toMillis() / 1000.0))
                .param("failures", array("text", queued,
                        m -> m.rendition() == null ? null : m.rendition().failure()))
                .query((rs, n) -> Refs.read(rs)).list();
    }

    private static <T> SqlArrayValue array(String type, List<T> rows, Function<T, Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }

    /**
     * Marks messages stored in the current transaction as {@code suppressed} with a reason code, each with its
     * sentence as its error, so a message the policy stops (over the plan's quota, say) is visible rather than
     * silently dropped, and never sent.
     */
    public void suppress(Map<Ref, String> sentences, String reasonCode) {
        List<Ref> refs = List.copyOf(sentences.keySet());
        jdbc.sql("""
                        UPDATE message m SET status = 'suppressed', last_error = b.reason, reason_code = :code
                        FROM unnest(:tenants::text[], :ids::uuid[], :reasons::text[]) AS b(tenant_id, id, reason)
                        WHERE m.tenant_id = b.tenant_id AND m.id = b.id
                        """)
                .param("tenants", Refs.tenants(refs)).param("ids", Refs.ids(refs))
                .param("reasons", array("text", refs, sentences::get)).param("code", reasonCode)
                .update();
    }

    /**
     * Marks messages stored in the current transaction as {@code deferred} until their time, with a reason code and
     * its sentence: the recovery sweep announces them once due.
     */
    public void defer(Map<Ref, Instant> until, String reasonCode, String sentence) {
        List<Ref> refs = List.copyOf(until.keySet());
        jdbc.sql("""
                        UPDATE message m SET status = 'deferred', next_attempt_at = d.until, last_error = :sentence,
                                             reason_code = :code
                        FROM unnest(:tenants::text[], :ids::uuid[], :untils::timestamptz[]) AS d(tenant_id, id, until)
                        WHERE m.tenant_id = d.tenant_id AND m.id = d.id
                        """)
                .param("tenants", Refs.tenants(refs)).param("ids", Refs.ids(refs))
                .param("untils", array("timestamptz", refs, ref -> java.sql.Timestamp.from(until.get(ref))))
                .param("code", reasonCode).param("sentence", sentence)
                .update();
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
                .query((rs, n) -> new ClaimedMessage(Refs.read(rs), rs.getString("channel"), toMessage(rs),
                        rs.getInt("attempts")))
                .list();
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

    /**
     * The stored content: {@code text}, {@code interactive}, or {@code template} with its {@code rendered} form; and
     * {@code deliverBy} when the message has one.
     */
    private String content(NewMessage queued) {
        OutboundMessage message = queued.message();
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        if (message.interactive() != null) {
            content.put("interactive", message.interactive());
        } else if (message.text() != null) {
            content.put("text", message.text());
        } else {
            content.put("template", message.template());
            Rendition rendition = queued.rendition();
            if (rendition != null && !rendition.failed()) {
                content.put("rendered", Map.of("text", rendition.text(), "buttons", rendition.buttons()));
            }
        }
        if (message.deliverBy() != null) {
            content.put("deliverBy", message.deliverBy().toString());
        }
        try {
            return mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OutboundMessage toMessage(ResultSet rs) throws SQLException {
        try {
            var content = mapper.readTree(rs.getString("content"));
            OutboundMessage.Template template = content.has("template")
                    ? mapper.treeToValue(content.get("template"), OutboundMessage.Template.class) : null;
            OutboundMessage.Interactive interactive = content.has("interactive")
                    ? mapper.treeToValue(content.get("interactive"), OutboundMessage.Interactive.class) : null;
            String text = content.has("text") ? content.get("text").asText() : null;
            Instant deliverBy = content.has("deliverBy") ? Instant.parse(content.get("deliverBy").asText()) : null;
            return new OutboundMessage(rs.getString("recipient"), MessageCategory.valueOf(rs.getString("category")),
                    text, template, rs.getString("idempotency_key"), interactive, deliverBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message content is not JSON", e);
        }
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
