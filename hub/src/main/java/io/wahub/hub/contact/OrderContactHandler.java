package io.wahub.hub.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.contact.ContactRepository.Upserted;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.contact.ContactService.TenantWrite;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * An order's customer becomes (or stays) a contact: created with source {@code order}, named by the order's first
 * and last name, its email kept as the attribute {@code email}. Orders without an E.164 {@code customer.phone} are
 * left alone. Idempotent: the same order again writes the same values. A dispatched batch's customers are written
 * together, ahead of the batch's processing ({@link #prepare}).
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
        write(event).ifPresent(write -> contacts.upsertForEvent(event.tenantId(), write));
    }

    /** A batch's customers are written by one statement where they can ({@link ContactService#upsertAllForEvents}). */
    @Override
    public Handling prepare(List<CanonicalEvent> events) {
        List<CanonicalEvent> named = new ArrayList<>();
        List<TenantWrite> writes = new ArrayList<>();
        for (CanonicalEvent event : events) {
            write(event).ifPresent(write -> {
                named.add(event);
                writes.add(new TenantWrite(event.tenantId(), write));
            });
        }
        List<Upserted> stored = contacts.upsertAllForEvents(writes);
        Map<CanonicalEvent, Upserted> done = new IdentityHashMap<>();
        for (int i = 0; i < named.size(); i++) {
            if (stored.get(i) != null) {
                done.put(named.get(i), stored.get(i));
            }
        }
        return (event, priorAttempts) -> {
            Upserted upserted = done.get(event);
            if (upserted == null) {
                handle(event, priorAttempts);
            } else {
                contacts.writtenForEvent(event.tenantId(), upserted);
            }
        };
    }

    private static Optional<Write> write(CanonicalEvent event) {
        JsonNode customer = event.payload().path("customer");
        String phone = customer.path("phone").asText("");
        if (!PhoneNumbers.isE164(phone)) {
            return Optional.empty();
        }
        String name = Stream.of(customer.path("firstName").asText(""), customer.path("lastName").asText(""))
                .map(String::strip).filter(part -> !part.isEmpty()).collect(Collectors.joining(" "));
        String email = customer.path("email").asText("");
        return Optional.of(new Write(phone, name.isEmpty() ? null : name, false, null,
                ContactFields.region(phone).orElse(null), null, null,
                email.isBlank() ? null : Map.of("email", email.strip()), SOURCE));
    }
}
