package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.MessageCategory;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link Contacts} for one tenant, as a feature's context hands it out; contacts it creates have source {@code source}. */
public final class TenantContacts implements Contacts {

    private final ContactService service;
    private final String tenantId;
    private final String source;
    private final boolean channelKeepsWindow;
    private final boolean deferredDurability;

    /**
     * @param channelKeepsWindow whether the tenant's channel keeps WhatsApp's 24-hour window (when it does not,
     *                           {@link #windowOpen} is always true)
     */
    public TenantContacts(ContactService service, String tenantId, String source, boolean channelKeepsWindow) {
        this(service, tenantId, source, channelKeepsWindow, false);
    }

    /**
     * @param deferredDurability whether upserts may commit without waiting for the disk: for a feature run whose
     *                           store commits do not wait either (a dispatched event or timer, redone when lost; an
     *                           API call, whose synchronous audit commit flushes them all before it answers)
     */
    public TenantContacts(ContactService service, String tenantId, String source, boolean channelKeepsWindow,
                          boolean deferredDurability) {
        this.deferredDurability = deferredDurability;
        this.service = service;
        this.tenantId = tenantId;
        this.source = source;
        this.channelKeepsWindow = channelKeepsWindow;
    }

    @Override
    public Optional<Contact> find(String phone) {
        return service.findByPhone(tenantId, ContactFields.requireE164(phone)).map(ContactService::toSdk);
    }

    @Override
    public Map<String, Contact> findAll(Collection<String> phones) {
        return service.findByPhones(tenantId, phones.stream().map(ContactFields::requireE164).toList()).stream()
                .collect(Collectors.toMap(ContactRepository.Row::phone, ContactService::toSdk));
    }

    @Override
    public Map<String, Consent> consents(Collection<String> phones, MessageCategory category) {
        return service.consents(tenantId, phones.stream().map(ContactFields::requireE164).toList(),
                Objects.requireNonNull(category));
    }

    @Override
    public Contact upsert(Update update) {
        var checked = ContactFields.check(new ContactFields.Input(ContactFields.requireE164(update.phone()),
                update.name(), update.language(), null, null, update.tags(), update.attributes()), true);
        if (!checked.ok()) {
            throw new IllegalArgumentException("invalid contact: " + checked.errors());
        }
        Write write = Write.of(checked.valid(), source);
        return ContactService.toSdk((deferredDurability ? service.upsertForEvent(tenantId, write)
                : service.upsert(tenantId, write)).contact());
    }

    @Override
    public java.util.List<Contact> segment(Segment segment, String afterPhone, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("a segment page holds 1 to 1000 contacts: " + limit);
        }
        return service.segment(tenantId, segment, afterPhone == null ? null : ContactFields.requireE164(afterPhone),
                limit).stream().map(ContactService::toSdk).toList();
    }

    @Override
    public Consent consent(String phone, MessageCategory category) {
        return service.consent(tenantId, ContactFields.requireE164(phone), Objects.requireNonNull(category));
    }

    @Override
    public void optIn(String phone, MessageCategory category, String source, Instant at) {
        record(phone, category, ConsentRepository.OPTED_IN, source, at);
    }

    @Override
    public void optOut(String phone, MessageCategory category, String source, Instant at) {
        record(phone, category, ConsentRepository.OPTED_OUT, source, at);
    }

    @Override
    public boolean windowOpen(String phone) {
        return !channelKeepsWindow || service.windowOpen(tenantId, ContactFields.requireE164(phone));
    }

    private void record(String phone, MessageCategory category, String status, String source, Instant at) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a consent decision needs its source");
        }
        service.recordConsent(tenantId, ContactFields.requireE164(phone), Objects.requireNonNull(category), status,
                source, Objects.requireNonNull(at, "at"));
    }
}
