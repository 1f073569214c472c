package io.wahub.hub.inbox;

import io.wahub.sdk.CanonicalEvent;
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
}
