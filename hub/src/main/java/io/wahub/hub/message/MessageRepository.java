package io.wahub.hub.message;

import static io.wahub.hub.message.SqlArrays.array;

import io.wahub.hub.db.Refs;
import io.wahub.routes.Ref;
import io.wahub.sdk.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox's queue: messages to customers stored as {@code queued}, or, in the transaction that stores them,
 * marked {@code suppressed} or {@code deferred} by the send policy. Every query is scoped by tenant.
 *
 * <p>States: {@code queued} → {@code sending} (claimed by one node for a lease, {@link MessageClaims}) →
 * {@code sent}, or back to {@code queued} with a later {@code next_attempt_at} after a retryable failure, or
 * {@code dead} (the dead-letter state) after a permanent failure or too many attempts ({@link MessageOutcomes}).
 * Channels later report {@code delivered}, {@code read} or {@code failed}. A message over the tenant's monthly quota
 * is stored as {@code suppressed} and never sent. The API reads messages through {@link MessageViews}.
 */
@Repository
public class MessageRepository {

    private final JdbcClient jdbc;
    private final MessageContent content;

    public MessageRepository(JdbcClient jdbc, MessageContent content) {
        this.jdbc = jdbc;
        this.content = content;
    }

    /** The id of the tenant's message that its channel knows as {@code providerMessageId}, if there is one. */
    public Optional<UUID> idByProviderId(String tenantId, String providerMessageId) {
        return jdbc.sql("SELECT id FROM message WHERE tenant_id = :tenant AND provider_message_id = :provider LIMIT 1")
                .param("tenant", tenantId).param("provider", providerMessageId)
                .query(UUID.class).optional();
    }

    /**
     * A message a feature queued while its event was dispatched, to be stored with the event's batch.
     *
     * @param delay     how long the bus has to announce it before the recovery sweep takes it
     * @param rendition a template message's filled text, or why its template could not be filled (then the
     *                  message is stored dead); null for other messages
     * @param id        the id the message has, or the message with the same idempotency key already had (derived
     *                  once: {@link MessageRepository#id})
     */
    public record NewMessage(String tenantId, String channel, OutboundMessage message, UUID eventId,
                             Duration delay, Rendition rendition, UUID id) {

        public NewMessage(String tenantId, String channel, OutboundMessage message, UUID eventId, Duration delay) {
            this(tenantId, channel, message, eventId, delay, null, MessageRepository.id(tenantId,
                    message.idempotencyKey()));
        }

        /**
         * This message with its template resolved: {@code message} filled (under the same idempotency key, so the
         * same id), or a failed rendition.
         */
        public NewMessage resolved(OutboundMessage resolved, Rendition rendition) {
            return new NewMessage(tenantId, channel, resolved, eventId, delay, rendition, id);
        }

        /** The message's reference. */
        public Ref ref() {
            return new Ref(tenantId, id);
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
     * history entry of each is the row itself (see {@link MessageViews#history}), so queueing writes one row per message. A
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
                .param("contents", array("text", queued, content::write))
                .param("keys", array("text", queued, m -> m.message().idempotencyKey()))
                .param("delays", array("float8", queued, m -> m.delay().toMillis() / 1000.0))
                .param("failures", array("text", queued,
                        m -> m.rendition() == null ? null : m.rendition().failure()))
                .query((rs, n) -> Refs.read(rs)).list();
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
}
