package io.wahub.sdk;

import java.util.Set;

/**
 * Behaviour a tenant can switch on: reacts to canonical events and sends messages.
 *
 * <p>The hub calls {@link #onEvent} once per stored event whose type is in {@link #eventTypes()}, only for tenants
 * that enabled the feature. Delivery is at least once: if processing fails the event is retried, so use a stable
 * {@link OutboundMessage#idempotencyKey()} (for example derived from the event's delivery id).
 */
public interface Feature extends WahubExtension {

    /** Canonical event types this feature reacts to. */
    Set<String> eventTypes();

    /**
     * Handles one event for one tenant.
     *
     * @throws RuntimeException to have the event retried later (up to the hub's attempt limit)
     */
    void onEvent(CanonicalEvent event, FeatureContext context);
}
