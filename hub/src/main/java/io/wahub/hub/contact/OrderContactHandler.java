package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * An order's customer becomes (or stays) a contact: created with source {@code order}, named by the order's first
 * and last name, its email kept as the attribute {@code email}. Orders without an E.164 {@code customer.phone} are
 * left alone. Idempotent: the same order again writes the same values.
 */
@Component
class OrderContactHandler implements HubEventHandler {

    static final String SOURCE = "order";

    private final ContactService contacts;

    OrderContactHandler(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_UPDATED, EventTypes.ORDER_PAID,
                EventTypes.ORDER_CANCELLED, EventTypes.ORDER_FULFILLED, EventTypes.ORDER_REFUNDED,
                EventTypes.ORDER_DELIVERED);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        JsonNode customer = event.payload().path("customer");
        String phone = customer.path("phone").asText("");
        if (!PhoneNumbers.isE164(phone)) {
            return;
        }
        String name = Stream.of(customer.path("firstName").asText(""), customer.path("lastName").asText(""))
                .map(String::strip).filter(part -> !part.isEmpty()).collect(Collectors.joining(" "));
        String email = customer.path("email").asText("");
        contacts.upsertForEvent(event.tenantId(), new Write(phone, name.isEmpty() ? null : name, false, null,
                ContactFields.region(phone).orElse(null), null, null,
                email.isBlank() ? null : Map.of("email", email.strip()), SOURCE));
    }
}
