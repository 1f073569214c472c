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
 *
 * <p>A feature may also schedule durable timers ({@link FeatureContext#timers()}); they come back through
 * {@link #onTimer}.
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

    /**
     * Handles one of this feature's timers that fell due, for one tenant. Only the feature that scheduled the timer
     * gets it, and only while the tenant has the feature enabled and in its plan; a timer that falls due while it is
     * not is consumed without a call. By default nothing is done.
     *
     * <p>Timers travel the same path as events, with the same guarantees: a due timer becomes an event of type
     * {@value EventTypes#TIMER_DUE} (listed with the tenant's events), handled on the tenant's virtual thread with no
     * database transaction open, one at a time with the tenant's events. Delivery is at least once: if this throws,
     * or the hub dies meanwhile, the timer is handed over again (after a back-off, up to the hub's attempt limit,
     * then the event is dead), so key what it sends on the timer, for example
     * {@code "reminder:" + timer.key() + ":" + timer.dueAt()}. What the run sends and schedules is kept only when it
     * succeeds; a timer may reschedule its own key.
     *
     * <p>It is called at or after {@link Timer#dueAt()}, never before: usually within a second, later when the hub
     * is busy, and at start for timers that fell due while no hub was running.
     *
     * @throws RuntimeException to have the timer retried later (up to the hub's attempt limit)
     */
    default void onTimer(Timer timer, FeatureContext context) {
    }

    /**
     * Handles several of this feature's due timers of one tenant at once, so that a feature can read and write for
     * all of them in a few statements instead of a few per timer (a campaign step falling due for thousands of
     * contacts). Each timer comes with the context of its own run: send and schedule through it, so that its event
     * lists what it sent. The contexts share the tenant, the store and the clock, so reads and writes for the whole
     * batch may go through any one store.
     *
     * <p>All or nothing: if this throws, none of the runs' messages and timer changes is kept, and the hub hands
     * every timer of the batch to {@link #onTimer} on its own, with fresh contexts, so one failing timer holds up
     * nobody else. Work done meanwhile in the store is kept; as for any timer, it must bear being done again.
     *
     * <p>The hub calls it with timers that fell due together (two or more; never the same key twice), only if the
     * feature overrides it; the same threading as {@link #onTimer}. By default each timer goes to {@link #onTimer}.
     */
    default void onTimers(java.util.List<TimerRun> runs) {
        for (TimerRun run : runs) {
            onTimer(run.timer(), run.context());
        }
    }

    /**
     * The templates this feature ships, stored for a tenant when it enables the feature (those it already has, by
     * name and language, are left alone). None by default.
     */
    default java.util.List<Templates.Draft> templates() {
        return java.util.List.of();
    }
}
