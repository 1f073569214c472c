package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.MessageCategory;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A failed {@code message.status} with error {@value #STOPPED_MARKETING} (Meta: the user stopped marketing
 * messages from this business) opts the recipient out of marketing, with source {@value #SOURCE}, at the time of
 * the report. Runs beside {@link io.wahub.hub.message.MessageStatusHandler}, which applies the status itself, and
 * before it: that one fails the event while the status matches no sent message yet, and the opt-out must not wait.
 */
@Component
@Order(0)
class MarketingStoppedErrorHandler implements HubEventHandler {

    static final String STOPPED_MARKETING = "131050";
    static final String SOURCE = "whatsapp-error-131050";

    private final ContactService contacts;
    private final ConversationRepository conversations;

    MarketingStoppedErrorHandler(ContactService contacts, ConversationRepository conversations) {
        this.contacts = contacts;
        this.conversations = conversations;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.MESSAGE_STATUS);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        JsonNode payload = event.payload();
        if (!"failed".equals(payload.path("status").asText())
                || !STOPPED_MARKETING.equals(payload.path("errorCode").asText())) {
            return;
        }
        String recipient = payload.path("recipient").asText("");
        if (!recipient.matches("\\+[1-9]\\d{6,14}")) {
            recipient = conversations.recipientOf(event.tenantId(), payload.path("providerMessageId").asText(""))
                    .orElse(null);
        }
        if (recipient == null) {
            return;
        }
        contacts.recordConsent(event.tenantId(), recipient, MessageCategory.MARKETING, ConsentRepository.OPTED_OUT,
                SOURCE, event.occurredAt());
    }
}
