package io.wahub.routes;

import java.util.List;
import java.util.function.Consumer;

/** Port the dispatch route calls: run a stored event through the features its tenant enabled. */
public interface EventDispatch {

    /**
     * Claims the events (skipping those another node holds or that are already done), runs each through every
     * enabled feature subscribed to its type, and marks them done. A failing feature puts its event back to pending
     * with a back-off, or to dead after the attempt limit; the other events of the batch are not affected.
     *
     * <p>A slow tenant slows only itself: no database transaction is open while features run, and a tenant whose
     * features are still running after a short wait finishes its events in the background, after this call has
     * returned; the messages those queue go to the announcer set with {@link #announceLateMessagesWith}.
     *
     * @param eventRefs announcements: each an encoded {@link Ref}, or several (a webhook's events) as made by
     *                  {@link Ref#oneAnnouncement}
     * @return encoded refs of the messages queued by the events finished within the call, to announce to delivery
     */
    List<String> dispatch(List<String> eventRefs);

    /**
     * Sets where the messages queued by events finished in the background are announced (encoded {@link Ref}s, in
     * batches); the dispatch route sets it once, when it is built. Until then such messages wait for the recovery
     * sweep.
     */
    void announceLateMessagesWith(Consumer<List<String>> announcer);

    /** Encoded refs of events that are due but not in flight: left over from a crash, a full queue or a retry. */
    List<String> overdueEvents(int limit);
}
