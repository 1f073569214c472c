package io.wahub.hub.inbox;

import io.wahub.sdk.CanonicalEvent;
import java.util.List;
import java.util.Set;

/**
 * The hub's own reaction to a stored event, before the tenant's features see it: a status report updates the
 * outbox, an inbound message updates the contact and its conversation, a template status updates the template.
 * Every Spring bean implementing this is called, for every tenant (whatever features it enabled), once per
 * processing of an event whose type is in {@link #eventTypes()}.
 *
 * <p>Contract: runs with no transaction open (open short ones of your own); must be idempotent, since an event is
 * processed at least once; throwing fails the event, which is then retried like a failing feature (its features
 * do not run on that attempt). {@code priorAttempts} lets a handler give up on something that may never come (see
 * {@link io.wahub.hub.message.MessageStatusHandler}).
 */
public interface HubEventHandler {

    /** The canonical event types this handler reacts to. */
    Set<String> eventTypes();

    /**
     * Reacts to one event.
     *
     * @param priorAttempts how many times processing this event was tried before (0 on the first attempt)
     * @throws RuntimeException to fail this attempt and have the event retried
     */
    void handle(CanonicalEvent event, int priorAttempts);

    /**
     * Lets the handler do its work for a dispatched batch of events at once (one statement for them all, say) ahead
     * of their processing: called once per batch, on the thread that dispatches it, with the batch's events of its
     * types (of several tenants), before any of them is processed. The handling it returns is then called for each
     * event as it is processed, in place of {@link #handle}, from the threads that process them.
     *
     * <p>Contract: what it writes ahead must be what {@link #handle} would write for the same events, since an event
     * prepared may still not be processed on this attempt (given back unstarted, or failed by a handler before this
     * one) and is prepared again on the next; and since its work for a batch is done before the first event is
     * processed, a later event's write is already visible to the features of an earlier one. Throwing has each event
     * handed to {@link #handle} instead. By default nothing is done ahead.
     *
     * @param events in the order they will be processed; the same instances the handling is later called with
     */
    default Handling prepare(List<CanonicalEvent> events) {
        return this::handle;
    }

    /** How a handler handles each event of a batch it prepared ({@link #prepare}); contract as {@link #handle}. */
    @FunctionalInterface
    interface Handling {

        void handle(CanonicalEvent event, int priorAttempts);
    }
}
