package io.wahub.hub.contact;

import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.hub.message.FailedSends;
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
    private final FailedSends failedSends;

    MarketingStoppedErrorHandler(ContactService contacts, FailedSends failedSends) {
        this.contacts = contacts;
        this.failedSends = failedSends;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.MESSAGE_STATUS);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        failedSends.of(event, Set.of(STOPPED_MARKETING)).ifPresent(failed -> contacts.recordConsent(
                event.tenantId(), ContactService.contactOnly(failed.recipient(), InboundMessageHandler.SOURCE),
                MessageCategory.MARKETING, ConsentRepository.OPTED_OUT, SOURCE, event.occurredAt(), true));
    }
}
