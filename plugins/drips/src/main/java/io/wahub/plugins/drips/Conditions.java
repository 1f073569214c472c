package io.wahub.plugins.drips;

import io.wahub.sdk.Contacts;
import io.wahub.sdk.FeatureStore;
import java.util.List;

/**
 * Whether a condition step holds for a contact: it has a tag, an attribute (equal to a value), or did something since
 * it entered the campaign ({@code event}: {@code order} placed an order, {@code replied} wrote to the shop,
 * {@code clicked} tapped a button of a message).
 */
final class Conditions {

    /** The past events a condition can test, as {@link Facts#contactDid} records them. */
    static final List<String> EVENTS = List.of("order", "replied", "clicked");

    private Conditions() {
    }

    static boolean holds(FeatureStore store, Enrolment enrolment, Contacts.Contact contact, Step step) {
        if (step.event() != null) {
            return Facts.didSince(store, enrolment.phone(), step.event(), enrolment.enteredAt());
        }
        if (contact == null) {
            return false;
        }
        if (step.tag() != null) {
            return contact.tags() != null && contact.tags().contains(step.tag());
        }
        Object value = contact.attributes() == null ? null : contact.attributes().get(step.attribute());
        return step.equals() == null ? value != null : value != null && value.toString().equals(step.equals());
    }
}
