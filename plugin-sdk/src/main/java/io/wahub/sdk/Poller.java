package io.wahub.sdk;

import java.time.Duration;

/**
 * Asks a vendor's API, periodically, for what its webhooks may have missed (WooCommerce never retries a failed
 * webhook). The hub calls {@link #poll} for every tenant that saved settings for this extension's id, at most one
 * node at a time per tenant, every {@link #interval()}.
 *
 * <p>The events go through the same inbox as webhooks, deduplicated by (tenant, source, delivery id): a poller must
 * give an event the delivery id its webhook counterpart would have, so catch-up and webhook never double.
 */
public interface Poller extends WahubExtension {

    /** How long the hub waits between two polls of one tenant. */
    default Duration interval() {
        return Duration.ofMinutes(5);
    }

    /**
     * Fetches what changed since {@code cursor}. Runs on a background thread and may do I/O.
     *
     * @param cursor what the previous poll returned, or {@code null} on the first poll
     * @return the events to store and the cursor for the next poll
     * @throws PollFailure when the vendor could not be asked; the hub keeps the cursor and tries again at the
     *                     next interval
     */
    PollResult poll(PluginContext context, String cursor) throws PollFailure;

    /**
     * @param events the events found (possibly already stored by a webhook: the inbox drops those)
     * @param cursor an opaque position, for example the last modification time seen
     */
    record PollResult(java.util.List<CanonicalEvent> events, String cursor) {
        public PollResult {
            events = java.util.List.copyOf(events);
        }
    }

    /** A poll that could not be made (vendor unreachable, credentials refused, not configured). */
    class PollFailure extends Exception {
        public PollFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
