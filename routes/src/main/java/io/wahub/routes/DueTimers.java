package io.wahub.routes;

import java.util.List;

/** Port the timer route calls: hand features' due timers to dispatch, through the inbox. Implemented by the hub. */
public interface DueTimers {

    /**
     * Moves timers that are due into the inbox as events, each exactly once however many nodes call this at once
     * (a timer is deleted in the transaction that stores its event), and returns them. Cheap when nothing is due.
     *
     * @return encoded {@link Ref}s of the events stored, to announce to dispatch (should an announcement be lost,
     *         the recovery sweep takes the event after its grace)
     */
    List<String> moveDue();
}
