package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.contact.ContactRepository.Row;
import io.wahub.hub.contact.ContactRepository.Upserted;
import io.wahub.hub.inbox.InboxRepository;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Emits {@code contact.created} (source {@value #SOURCE}, delivery id {@code contact:<id>:created}) into the inbox
 * in the caller's transaction, the one that created the contact, so features (a welcome campaign) hear of every new
 * contact exactly once. Due at once: the recovery sweep hands it to dispatch within a second.
 */
@Component
class ContactCreatedEvents {

    static final String SOURCE = "contacts";

    private final InboxRepository inbox;
    private final ObjectMapper mapper;

    ContactCreatedEvents(InboxRepository inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    /** Stores the event when {@code upserted} created its contact; returns {@code upserted}. */
    Upserted emitIfCreated(String tenantId, Upserted upserted, Instant now) {
        if (upserted.created()) {
            Row contact = upserted.contact();
            ObjectNode payload = mapper.createObjectNode().put("contactId", contact.id().toString())
                    .put("phone", contact.phone());
            if (contact.name() != null) {
                payload.put("name", contact.name());
            }
            if (contact.source() != null) {
                payload.put("source", contact.source());
            }
            inbox.insert(new CanonicalEvent(tenantId, EventTypes.CONTACT_CREATED, SOURCE,
                    "contact:" + contact.id() + ":created", now, payload), now, now);
        }
        return upserted;
    }
}
