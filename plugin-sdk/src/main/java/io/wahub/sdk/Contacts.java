package io.wahub.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant's contacts, their consent and their 24-hour customer-service window, as a feature sees them through
 * {@link FeatureContext#contacts()}. Always the current tenant's: a feature never names a tenant.
 *
 * <p>Contract: phone numbers are E.164 ({@code +4915112345678}); an invalid one is an
 * {@link IllegalArgumentException}. Writes take effect at once, in a short transaction of their own (not at the end
 * of the feature's run), and are idempotent: upserting the same values, or recording the same decision again, changes
 * nothing but the update time. Since an event may be processed more than once, record consent with the time the
 * customer decided (for example the event's {@code occurredAt}), so a late repetition never overrides a newer
 * decision.
 *
 * <p>Consent rules: {@link MessageCategory#MARKETING} is allowed only after an opt-in; the other categories serve the
 * customer's own transactions and are allowed unless the contact opted out of that very category (an opt-out of
 * marketing never blocks them).
 *
 * <p>Threading: safe to call from any thread; every call reads or writes the database (no caching).
 */
public interface Contacts {

    /**
     * A contact.
     *
     * @param windowOpenUntil when the customer-service window closes: 24 hours after the contact's last inbound
     *                        message; null when the contact never wrote
     */
    record Contact(String phone, String name, String language, String country, String timeZone, List<String> tags,
                   Map<String, Object> attributes, String source, Instant windowOpenUntil) {
    }

    /**
     * What to set on a contact; {@code null} leaves a field as it is. Tags replace the contact's tags; attributes are
     * merged into its attributes (a key with a {@code null} value removes it).
     *
     * @param language a language tag such as {@code de} or {@code pt_BR}
     */
    record Update(String phone, String name, String language, List<String> tags, Map<String, Object> attributes) {
        public Update {
            Objects.requireNonNull(phone, "phone");
        }

        /** Only the number (creates the contact if it does not exist). */
        public static Update phone(String phone) {
            return new Update(phone, null, null, null, null);
        }
    }

    /**
     * A contact's consent for one category.
     *
     * @param allowed whether a message of this category may be sent to the contact
     * @param status  {@code opted-in}, {@code opted-out}, or {@code none} (no decision recorded)
     * @param source  who recorded the decision ({@code keyword}, {@code api}, …); null for {@code none}
     * @param at      when the contact decided; null for {@code none}
     */
    record Consent(MessageCategory category, boolean allowed, String status, String source, Instant at) {
    }

    /**
     * A segment of the tenant's contacts: those with every tag in {@code tags} and every attribute in
     * {@code attributes} equal (as text) to the value given. Empty lists/maps match every contact.
     */
    record Segment(List<String> tags, Map<String, String> attributes) {
        public Segment {
            tags = tags == null ? List.of() : List.copyOf(tags);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /**
     * One page of the contacts in {@code segment}, ordered by phone number, those after {@code afterPhone} (null: from
     * the first): page through a large segment with bounded memory by passing the last page's last number.
     *
     * @param limit 1 to 1,000
     * @throws UnsupportedOperationException when this implementation cannot list contacts
     */
    default List<Contact> segment(Segment segment, String afterPhone, int limit) {
        throw new UnsupportedOperationException("these contacts cannot be listed");
    }

    /** The contact with this number, if the tenant has one. */
    Optional<Contact> find(String phone);

    /** Creates the contact (source: the calling feature's id) or updates it; returns it as stored. */
    Contact upsert(Update update);

    /** The contact's consent for {@code category}; a number with no contact has none recorded. */
    Consent consent(String phone, MessageCategory category);

    /**
     * The contacts of these numbers that the tenant has, by number, in one call where the implementation can (for a
     * batch of timers, {@link Feature#onTimers}). By default one {@link #find} per number.
     */
    default java.util.Map<String, Contact> findAll(java.util.Collection<String> phones) {
        java.util.Map<String, Contact> found = new java.util.HashMap<>();
        for (String phone : phones) {
            find(phone).ifPresent(contact -> found.put(phone, contact));
        }
        return found;
    }

    /**
     * The consent of each of these numbers for {@code category}, by number (every number has an entry), in one call
     * where the implementation can. By default one {@link #consent} per number.
     */
    default java.util.Map<String, Consent> consents(java.util.Collection<String> phones, MessageCategory category) {
        java.util.Map<String, Consent> found = new java.util.HashMap<>();
        for (String phone : phones) {
            found.put(phone, consent(phone, category));
        }
        return found;
    }

    /**
     * Records that the customer opted in to {@code category} at {@code at}, creating the contact if needed. Ignored
     * when a decision taken later is already recorded.
     *
     * @param source where the opt-in was given, for example {@code checkout-form}
     */
    void optIn(String phone, MessageCategory category, String source, Instant at);

    /** Records an opt-out, like {@link #optIn}. */
    void optOut(String phone, MessageCategory category, String source, Instant at);

    /**
     * Whether free-form messages (text, reply buttons) may be sent to the number now: the customer-service window is
     * open (by the hub's clock, the contact wrote within the last 24 hours), or the tenant's channel keeps no such
     * window (an unofficial gateway, see {@link ChannelConnector#keepsCustomerServiceWindow}). False for a number
     * that never wrote, on a channel that keeps the window: send a template then, or the hub's send policy
     * suppresses the message ({@code window-closed}).
     */
    boolean windowOpen(String phone);
}
