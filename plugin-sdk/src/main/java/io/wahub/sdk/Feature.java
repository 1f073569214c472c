package io.wahub.sdk;

import java.util.Set;

/**
 * Behaviour a tenant can switch on: reacts to canonical events and sends messages.
 *
 * <p>The hub calls {@link #onEvent} once per stored event whose type is in {@link #eventTypes()}, only for tenants
 * that enabled the feature. Delivery is at least once: if processing fails the event is retried, so use a stable
 * {@link OutboundMessage#idempotencyKey()} (for example derived from the event's delivery id).
 *
 * <p>Threading: a tenant's events are handled one at a time, different tenants' at once, on virtual threads, with
 * no database transaction open, so a feature may wait for a chat model or a payment provider: a slow call delays
 * only its own tenant.
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
