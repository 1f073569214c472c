package io.wahub.hub.contact;

import io.wahub.hub.contact.ConsentRepository.Decision;
import io.wahub.hub.contact.ContactRepository.Row;
import io.wahub.hub.contact.ContactRepository.Upserted;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.db.RelaxedCommit;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.MessageCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The contact model's rules in one place, for the API, the hub's event handlers and features: the 24-hour
 * customer-service window, whether a category may be sent (marketing only after an opt-in; utility, authentication
 * and service unless the contact opted out of that very category), and consent recorded together with the contact
 * it is about.
 */
@Service
public class ContactService {

    /** How long after the contact's last message free-form messages may be sent. */
    public static final Duration WINDOW = Duration.ofHours(24);

    /**
     * A contact as the API shows it.
     *
     * @param consent         the current decision per category (lower case), only those recorded
     * @param windowOpenUntil 24 hours after the last inbound message; null when the contact never wrote
     * @param windowOpen      whether that is later than now, by the hub's clock
     */
    public record View(UUID id, String phone, String name, String language, String country, String timeZone,
                       List<String> tags, Map<String, Object> attributes, String source,
                       Map<String, ConsentView> consent, Instant lastInboundAt, Instant windowOpenUntil,
                       boolean windowOpen, Instant createdAt, Instant updatedAt) {
    }

    /** A write of one tenant's contact. */
    public record TenantWrite(String tenantId, Write write) {
    }

    /** A recorded consent decision. */
    public record ConsentView(String status, String source, Instant at) {
    }

    private final ContactRepository contacts;
    private final ConsentRepository consents;
    private final TransactionTemplate transactions;
    private final RelaxedCommit relaxedCommit;
    private final Clock clock;
    private final ContactCreatedEvents created;
    private final EventWindows windows;
    private final ContactBatchUpsert batch;

    public ContactService(ContactRepository contacts, ConsentRepository consents, TransactionTemplate transactions,
                          RelaxedCommit relaxedCommit, Clock clock, ContactCreatedEvents created,
                          EventWindows windows, ContactBatchUpsert batch) {
        this.batch = batch;
        this.created = created;
        this.windows = windows;
        this.contacts = contacts;
        this.consents = consents;
        this.transactions = transactions;
        this.relaxedCommit = relaxedCommit;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Creates or updates a contact in a transaction of its own. */
    public Upserted upsert(String tenantId, Write write) {
        return transactions.execute(tx -> upsertAndAnnounce(tenantId, write, clock.instant()));
    }

    /**
     * As {@link #upsert}, for the hub's reaction to a stored event: the commit does not wait for the disk
     * ({@link RelaxedCommit}), since a write lost to a database crash is redone when the event is dispatched again.
     * Also for a feature API call that writes: its synchronous audit commit flushes this one before it answers.
     * Outside a transaction the write takes one round trip where it can: when none of the tenant's features listens
     * for {@code contact.created}, the upsert is one statement committed alone; otherwise a stored contact is
     * updated by one statement committed alone, and only a new one takes the transaction that creates and announces
     * it (a contact another node creates meanwhile is then updated by the upsert, which finds it). The contact as
     * written answers the window check of the same event's processing ({@link EventWindows}).
     */
    public Upserted upsertForEvent(String tenantId, Write write) {
        Upserted upserted = writeForEvent(tenantId, write, clock.instant());
        windows.written(tenantId, upserted.contact().phone(), upserted.contact().lastInboundAt());
        return upserted;
    }

    /**
     * As {@link #upsertForEvent} for the writes of a dispatched batch's events, ahead of their processing: those it
     * can are written by one statement ({@link ContactBatchUpsert}), committed alone without waiting for the disk.
     * The others are left to {@link #upsertForEvent} (null in their place): writes that statement does not take, a
     * number written earlier in the list, those of tenants whose features listen for {@code contact.created} (a new
     * contact is announced in the transaction that creates it), and all of them inside a transaction. Nothing is kept
     * for window checks here: {@link #writtenForEvent} does that within each event's processing.
     *
     * @return the contacts as stored, in the order of {@code writes}
     */
    public List<Upserted> upsertAllForEvents(List<TenantWrite> writes) {
        boolean[] takes = new boolean[writes.size()];
        List<TenantWrite> taken = new ArrayList<>();
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            Set<List<String>> numbers = new HashSet<>();
            Map<String, Boolean> announced = new HashMap<>();
            for (int i = 0; i < writes.size(); i++) {
                TenantWrite write = writes.get(i);
                takes[i] = ContactBatchUpsert.takes(write.write())
                        && !announced.computeIfAbsent(write.tenantId(), created::wanted)
                        && numbers.add(key(write));
                if (takes[i]) {
                    taken.add(write);
                }
            }
        }
        Map<List<String>, Upserted> stored = batch.upsertAlone(taken, clock.instant());
        List<Upserted> upserted = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            upserted.add(takes[i] ? stored.get(key(writes.get(i))) : null);
        }
        return upserted;
    }

    private static List<String> key(TenantWrite write) {
        return ContactBatchUpsert.key(write.tenantId(), write.write().phone());
    }

    /** For the event being processed, a contact {@link #upsertAllForEvents} wrote for it ahead. */
    public void writtenForEvent(String tenantId, Upserted upserted) {
        windows.written(tenantId, upserted.contact().phone(), upserted.contact().lastInboundAt());
    }

    private Upserted writeForEvent(String tenantId, Write write, Instant now) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            if (!created.wanted(tenantId)) {
                return contacts.upsertAlone(tenantId, write, now);
            }
            // most events name a contact stored already (an order's later events, a customer's next message)
            Optional<Row> updated = contacts.updateAlone(tenantId, write, now);
            if (updated.isPresent()) {
                return new Upserted(updated.get(), false);
            }
        }
        return transactions.execute(tx -> {
            relaxedCommit.forThisTransaction();
            return upsertAndAnnounce(tenantId, write, now);
        });
    }

    /** Upserts in the caller's transaction; a contact it creates is announced as {@code contact.created}. */
    private Upserted upsertAndAnnounce(String tenantId, Write write, Instant now) {
        return created.emitIfCreated(tenantId, contacts.upsert(tenantId, write, now), now);
    }

    /** One page of a segment of the tenant's contacts, by phone (see {@link Contacts#segment}). */
    public List<Row> segment(String tenantId, Contacts.Segment segment, String afterPhone, int limit) {
        var attributes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        segment.attributes().forEach(attributes::put);
        return contacts.segmentPage(tenantId, segment.tags(), attributes.toString(), afterPhone, limit);
    }

    public Optional<View> view(String tenantId, UUID id) {
        return contacts.find(tenantId, id).map(row -> views(tenantId, List.of(row)).getFirst());
    }

    /** Views of these contacts, with their consent, in the same order. */
    public List<View> views(String tenantId, List<Row> rows) {
        Map<UUID, List<Decision>> decisions = consents.current(tenantId, rows.stream().map(Row::id).toList())
                .stream().collect(Collectors.groupingBy(Decision::contactId));
        Instant now = clock.instant();
        return rows.stream().map(row -> {
            Map<String, ConsentView> consent = new TreeMap<>();
            decisions.getOrDefault(row.id(), List.of()).forEach(d -> consent.put(
                    d.category().name().toLowerCase(java.util.Locale.ROOT),
                    new ConsentView(d.status(), d.source(), d.at())));
            Instant until = windowOpenUntil(row);
            return new View(row.id(), row.phone(), row.name(), row.language(), row.country(), row.timeZone(),
                    row.tags(), row.attributes(), row.source(), consent, row.lastInboundAt(), until,
                    until != null && now.isBefore(until), row.createdAt(), row.updatedAt());
        }).toList();
    }

    /**
     * Records a consent decision for the number, creating the contact (with {@code source}) if the tenant has none,
     * in one transaction.
     *
     * @return the contact's id
     */
    public UUID recordConsent(String tenantId, String phone, MessageCategory category, String status, String source,
                              Instant at) {
        return recordConsent(tenantId, contactOnly(phone, source), category, status, source, at, false);
    }

    /**
     * As {@link #recordConsent(String, String, MessageCategory, String, String, Instant)}, writing the contact as
     * given; {@code forEvent}: the hub's reaction to a stored event, committed as {@link #upsertForEvent} is.
     */
    public UUID recordConsent(String tenantId, Write contactWrite, MessageCategory category, String status,
                              String source, Instant at, boolean forEvent) {
        return transactions.execute(tx -> {
            if (forEvent) {
                relaxedCommit.forThisTransaction();
            }
            Instant now = clock.instant();
            Row contact = upsertAndAnnounce(tenantId, contactWrite, now).contact();
            consents.record(tenantId, contact.id(), category, status, source, at, now);
            return contact.id();
        });
    }

    /** The contact's consent for the category, with the rules applied. */
    public Contacts.Consent consent(String tenantId, String phone, MessageCategory category) {
        return consentOf(category, consents.currentByPhone(tenantId, phone, category).orElse(null));
    }

    /** {@link #consent} of each number, in one query; every number has an entry. */
    public Map<String, Contacts.Consent> consents(String tenantId, Collection<String> phones,
                                                  MessageCategory category) {
        Map<String, Decision> decisions = consents.currentByPhones(tenantId, phones, category);
        Map<String, Contacts.Consent> found = new HashMap<>();
        for (String phone : phones) {
            found.put(phone, consentOf(category, decisions.get(phone)));
        }
        return found;
    }

    /** The SDK's view of the decision, or of none ({@code decision} null). */
    private static Contacts.Consent consentOf(MessageCategory category, Decision decision) {
        return decision == null ? new Contacts.Consent(category, allowed(category, null), "none", null, null)
                : new Contacts.Consent(category, allowed(category, decision.status()), decision.status(),
                decision.source(), decision.at());
    }

    /**
     * Whether the number's window is open now, by the hub's clock; read from the contact as the event being processed
     * on this thread has just written it, if it has ({@link EventWindows}).
     */
    public boolean windowOpen(String tenantId, String phone) {
        return windows.lastInboundAt(tenantId, phone, () -> contacts.lastInboundAt(tenantId, phone))
                .map(last -> clock.instant().isBefore(last.plus(WINDOW))).orElse(false);
    }

    /** The SDK's view of a contact. */
    public static Contacts.Contact toSdk(Row row) {
        return new Contacts.Contact(row.phone(), row.name(), row.language(), row.country(), row.timeZone(),
                row.tags(), row.attributes(), row.source(), windowOpenUntil(row));
    }

    public Optional<Row> findByPhone(String tenantId, String phone) {
        return contacts.findByPhone(tenantId, phone);
    }

    public List<Row> findByPhones(String tenantId, Collection<String> phones) {
        return contacts.findByPhones(tenantId, phones);
    }

    /**
     * Marketing needs an opt-in; every other category is allowed unless opted out of (an opt-out of marketing never
     * blocks utility, authentication or service messages).
     */
    public static boolean allowed(MessageCategory category, String status) {
        return category == MessageCategory.MARKETING ? ConsentRepository.OPTED_IN.equals(status)
                : !ConsentRepository.OPTED_OUT.equals(status);
    }

    static Instant windowOpenUntil(Row row) {
        return row.lastInboundAt() == null ? null : row.lastInboundAt().plus(WINDOW);
    }

    /** A write that only makes sure the contact exists (its country derived from the number). */
    static Write contactOnly(String phone, String source) {
        return new Write(phone, null, false, null, ContactFields.region(phone).orElse(null), null, null, null,
                source);
    }
}
