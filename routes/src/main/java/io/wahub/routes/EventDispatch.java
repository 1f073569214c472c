package io.wahub.routes;

import java.util.List;

/** Port the dispatch route calls: run a stored event through the features its tenant enabled. */
public interface EventDispatch {

    /**
     * Claims the events (skipping those another node holds or that are already done), runs each through every
     * enabled feature subscribed to its type, and marks them done. A failing feature rolls its event back to
     * pending with a back-off, or to dead after the attempt limit; the other events of the batch are not affected.
     *
     * @param eventRefs encoded {@link Ref}s
     * @return encoded refs of the messages queued while processing, to announce to delivery
     */
    List<String> dispatch(List<String> eventRefs);

    /** Encoded refs of events that are due but not in flight: left over from a crash, a full queue or a retry. */
    List<String> overdueEvents(int limit);
}
