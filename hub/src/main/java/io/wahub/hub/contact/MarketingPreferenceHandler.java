package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.PhoneNumbers;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The customer's own marketing preference set in WhatsApp ({@code contact.preferences}, Meta's
 * {@code user_preferences} webhook): {@code stop} opts the contact out of marketing, {@code resume} back in, with
 * source {@value #SOURCE} and the time Meta reports. A decision recorded later is never overridden.
 */
@Component
class MarketingPreferenceHandler implements HubEventHandler {

    static final String SOURCE = "whatsapp-preferences";

    private final ContactService contacts;

    MarketingPreferenceHandler(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.CONTACT_PREFERENCES);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        JsonNode payload = event.payload();
        String from = payload.path("from").asText("");
        String preference = payload.path("preference").asText("");
        if (!PhoneNumbers.isE164(from) || !"marketing".equals(payload.path("category").asText())
                || !(preference.equals("stop") || preference.equals("resume"))) {
            return;
        }
        String name = payload.hasNonNull("name") ? payload.get("name").asText() : null;
        contacts.recordConsent(event.tenantId(), new ContactRepository.Write(from, name, true, null,
                        ContactFields.region(from).orElse(null), null, null, null, InboundMessageHandler.SOURCE),
                MessageCategory.MARKETING,
                preference.equals("stop") ? ConsentRepository.OPTED_OUT : ConsentRepository.OPTED_IN, SOURCE,
                event.occurredAt(), true);
    }
}
