package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.contact.ContactRepository.Row;
import io.wahub.hub.contact.ContactRepository.Upserted;
import io.wahub.hub.feature.FeatureStateRepository;
import io.wahub.hub.inbox.InboxRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Emits {@code contact.created} (source {@value #SOURCE}, delivery id {@code contact:<id>:created}) into the inbox
 * in the caller's transaction, the one that created the contact, so features (a welcome campaign) hear of every new
 * contact exactly once. Only for a tenant that enabled a feature subscribed to it: other tenants' event lists and
 * quotas see no difference. Due at once: the recovery sweep hands it to dispatch within a second.
 */
@Component
class ContactCreatedEvents {

    static final String SOURCE = "contacts";

    private final InboxRepository inbox;
    private final ObjectMapper mapper;
    private final FeatureStateRepository featureStates;
    private final ExtensionRegistry extensions;

    ContactCreatedEvents(InboxRepository inbox, ObjectMapper mapper, FeatureStateRepository featureStates,
                         ExtensionRegistry extensions) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.featureStates = featureStates;
        this.extensions = extensions;
    }

    /** Whether one of the tenant's enabled features listens for {@code contact.created}. */
    boolean wanted(String tenantId) {
        Set<String> enabled = featureStates.enabledFeatures(tenantId);
        return extensions.features().stream().anyMatch(feature -> enabled.contains(feature.id())
                && feature.eventTypes().contains(EventTypes.CONTACT_CREATED));
    }

    /** Stores the event when {@code upserted} created its contact; returns {@code upserted}. */
    Upserted emitIfCreated(String tenantId, Upserted upserted, Instant now) {
        if (upserted.created() && wanted(tenantId)) {
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
