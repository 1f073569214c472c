package io.wahub.sdk.testkit;

import io.wahub.sdk.Contacts;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory {@link Contacts} of a {@link FakeContext}, with the hub's rules: E.164 numbers only, tags replaced and
 * attributes merged on upsert, marketing only after an opt-in, an older decision never overriding a newer one, and
 * the window open for 24 hours after {@link #received} (by the context's clock).
 */
public final class FakeContacts implements Contacts {

    static final Duration WINDOW = Duration.ofHours(24);

    private final String source;
    private final Clock clock;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Consent> consents = new HashMap<>();

    FakeContacts(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The customer wrote at {@code at}: the contact exists and its window runs 24 hours from then. */
    public synchronized FakeContacts received(String phone, Instant at) {
        Contact contact = upsert(Update.phone(phone));
        contacts.put(phone, new Contact(phone, contact.name(), contact.language(), contact.country(),
                contact.timeZone(), contact.tags(), contact.attributes(), contact.source(), at.plus(WINDOW)));
        return this;
    }

    /** Every contact, in the order they were created. */
    public synchronized List<Contact> all() {
        return List.copyOf(contacts.values());
    }

    @Override
    public synchronized List<Contact> segment(Segment segment, String afterPhone, int limit) {
        return contacts.values().stream()
                .filter(c -> afterPhone == null || c.phone().compareTo(afterPhone) > 0)
                .filter(c -> c.tags().containsAll(segment.tags()))
                .filter(c -> segment.attributes().entrySet().stream().allMatch(e -> c.attributes()
                        .get(e.getKey()) != null && c.attributes().get(e.getKey()).toString().equals(e.getValue())))
                .sorted(java.util.Comparator.comparing(Contact::phone)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Contact> find(String phone) {
        return Optional.ofNullable(contacts.get(e164(phone)));
    }

    @Override
    public synchronized Contact upsert(Update update) {
        String phone = e164(update.phone());
        Contact old = contacts.get(phone);
        Map<String, Object> attributes = new LinkedHashMap<>(old == null ? Map.of() : old.attributes());
        if (update.attributes() != null) {
            update.attributes().forEach((key, value) -> {
                if (value == null) {
                    attributes.remove(key);
                } else {
                    attributes.put(key, value);
                }
            });
        }
        Contact contact = new Contact(phone, pick(update.name(), old == null ? null : old.name()),
                pick(update.language(), old == null ? null : old.language()), old == null ? null : old.country(),
                old == null ? null : old.timeZone(),
                update.tags() != null ? List.copyOf(update.tags()) : old == null ? List.of() : old.tags(),
                Map.copyOf(attributes), old == null ? source : old.source(),
                old == null ? null : old.windowOpenUntil());
        contacts.put(phone, contact);
        return contact;
    }

    @Override
    public synchronized Consent consent(String phone, MessageCategory category) {
        Consent consent = consents.get(e164(phone) + " " + category);
        return consent != null ? consent
                : new Consent(category, category != MessageCategory.MARKETING, "none", null, null);
    }

    @Override
    public synchronized void optIn(String phone, MessageCategory category, String source, Instant at) {
        record(phone, category, "opted-in", source, at);
    }

    @Override
    public synchronized void optOut(String phone, MessageCategory category, String source, Instant at) {
        record(phone, category, "opted-out", source, at);
    }

    @Override
    public synchronized boolean windowOpen(String phone) {
        Contact contact = contacts.get(e164(phone));
        return contact != null && contact.windowOpenUntil() != null
                && clock.instant().isBefore(contact.windowOpenUntil());
    }

    private void record(String phone, MessageCategory category, String status, String source, Instant at) {
        upsert(Update.phone(phone));
        String key = e164(phone) + " " + category;
        Consent old = consents.get(key);
        if (old == null || !old.at().isAfter(at)) {
            consents.put(key, new Consent(category, status.equals("opted-in"), status, source, at));
        }
    }

    private static String pick(String value, String old) {
        return value != null ? value : old;
    }

    private static String e164(String phone) {
        if (!PhoneNumbers.isE164(phone)) {
            throw new IllegalArgumentException("not an E.164 number: " + phone);
        }
        return phone;
    }
}
