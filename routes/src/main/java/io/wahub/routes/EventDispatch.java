package io.wahub.routes;

import java.util.List;

/** Port the dispatch route calls: run a stored event through the features its tenant enabled. */
public interface EventDispatch {

    /**
     * Claims the event (skipping it if another node holds it or it is already done), runs every enabled feature
     * subscribed to its type in one transaction, and marks it done. A failing feature rolls the event back to
     * pending with a back-off, or to dead after the attempt limit.
     *
     * @param eventRef an encoded {@link Ref}
     * @return encoded refs of the messages queued while processing, to announce to delivery
     */
    List<String> dispatch(String eventRef);

    /** Encoded refs of events that are due but not in flight: left over from a crash, a full queue or a retry. */
    List<String> overdueEvents(int limit);
}
