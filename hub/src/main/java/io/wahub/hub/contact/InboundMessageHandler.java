package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.contact.ContactRepository.Row;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.db.RelaxedCommit;
import io.wahub.hub.feature.RunEffects;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.tenant.Tenants;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An inbound message, in one transaction: the sender becomes (or stays) a contact, with its profile name when it had
 * none; the message joins the contact's conversation (once per channel message id) and moves its window on; and a
 * text that is one of the tenant's {@link ConsentKeywords} opts the contact out of marketing (STOP …) or back in
 * (START …), answered with one SERVICE text queued in the outbox under the key {@code consent-reply:{messageId}}, so
 * processing the event again neither records nor answers twice. The answer goes out with the next recovery sweep
 * ({@code wahub.recovery.period-ms}). The transaction commits without waiting for the disk ({@link RelaxedCommit}):
 * should the database crash and lose it, the event is dispatched again and redoes it.
 */
@Component
class InboundMessageHandler implements HubEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessageHandler.class);
    static final String SOURCE = "whatsapp";
    static final String KEYWORD_SOURCE = "keyword";
    private static final Set<String> KEYWORD_KINDS = Set.of("text", "button", "interactive");

    private final ContactRepository contacts;
    private final ConsentRepository consents;
    private final ConversationRepository conversations;
    private final ConsentKeywords keywords;
    private final RunEffects effects;
    private final Tenants tenants;
    private final TransactionTemplate transactions;
    private final RelaxedCommit relaxedCommit;
    private final Clock clock;
    private final EventWindows windows;

    InboundMessageHandler(ContactRepository contacts, ConsentRepository consents,
                          ConversationRepository conversations, ConsentKeywords keywords, RunEffects effects,
                          Tenants tenants, TransactionTemplate transactions,
                          RelaxedCommit relaxedCommit, Clock clock, EventWindows windows) {
        this.windows = windows;
        this.contacts = contacts;
        this.consents = consents;
        this.conversations = conversations;
        this.keywords = keywords;
        this.effects = effects;
        this.tenants = tenants;
        this.transactions = transactions;
        this.relaxedCommit = relaxedCommit;
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.MESSAGE_RECEIVED);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        JsonNode payload = event.payload();
        String from = payload.path("from").asText("");
        String messageId = payload.path("messageId").asText("");
        if (!PhoneNumbers.isE164(from) || messageId.isEmpty()) {
            LOG.debug("Inbound message {} of tenant {} has no usable sender; no contact kept", event.deliveryId(),
                    event.tenantId());
            return;
        }
        String tenantId = event.tenantId();
        String channel = payload.path("channel").asText(event.source());
        String kind = payload.path("kind").asText("unknown");
        String text = payload.hasNonNull("text") ? payload.get("text").asText() : null;
        transactions.executeWithoutResult(tx -> {
            relaxedCommit.forThisTransaction(); // redone if lost: the event is dispatched again
            Instant now = clock.instant();
            Instant sentAt = event.occurredAt().isAfter(now) ? now : event.occurredAt();
            String name = payload.hasNonNull("name") ? payload.get("name").asText() : null;
            Row contact = contacts.upsert(tenantId, new Write(from, name, true, null,
                    ContactFields.region(from).orElse(null), null, null, null, SOURCE), now).contact();
            conversations.store(tenantId, new ConversationRepository.Inbound(channel, messageId, contact.id(), kind,
                    text, textOrNull(payload, "buttonPayload"), textOrNull(payload, "replyTo"), sentAt), now);
            windows.written(tenantId, from, contacts.wroteAt(tenantId, contact.id(), sentAt));
            if (KEYWORD_KINDS.contains(kind)) {
                ConsentKeywords.Keywords words = keywords.of(tenantId);
                words.match(text).ifPresent(action -> {
                    boolean stop = action.equals("stop");
                    consents.record(tenantId, contact.id(), MessageCategory.MARKETING,
                            stop ? ConsentRepository.OPTED_OUT : ConsentRepository.OPTED_IN, KEYWORD_SOURCE,
                            event.occurredAt(), now);
                    reply(tenantId, from, stop ? words.stopReply() : words.startReply(),
                            "consent-reply:" + channel + ":" + messageId);
                });
            }
        });
    }

    /**
     * Queues the confirmation in the current transaction the way a feature's messages are stored ({@link RunEffects}:
     * taken from the monthly quota, paced per recipient).
     */
    private void reply(String tenantId, String to, String text, String key) {
        NewMessage reply = new NewMessage(tenantId, tenants.require(tenantId).channel(),
                OutboundMessage.text(to, MessageCategory.SERVICE, text, key), null, Duration.ZERO);
        effects.apply(List.of(reply), List.of());
    }

    private static String textOrNull(JsonNode payload, String field) {
        return payload.hasNonNull(field) ? payload.get(field).asText() : null;
    }
}
