package io.wahub.hub.timer;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When this node should next look for due timers: the soonest due instant it knows of. It learns them from the
 * database (the soonest timer after each look) and from the timers its own feature runs schedule (once their
 * transaction commits), so an idle node does not query the timer table on every tick. Timers written by another node
 * are that node's to fire; should it die, this node still looks every {@code wahub.timers.idle-look}.
 * A hint only makes a look earlier: the database stays the truth, and a look that finds nothing due costs one query.
 */
@Component
public class TimerWake {

    /** The soonest instant learnt from the last look (MAX: no timer at all). */
    private final AtomicReference<Instant> looked = new AtomicReference<>(Instant.MIN);
    /** The soonest instant scheduled on this node since the last look started (MAX: none). */
    private final AtomicReference<Instant> hinted = new AtomicReference<>(Instant.MAX);

    /** Whether a timer may be due at {@code now}, by what this node knows. */
    boolean mayBeDue(Instant now) {
        return !now.isBefore(looked.get()) || !now.isBefore(hinted.get());
    }

    /** A look starts: hints from now on are kept apart from what the look learns. */
    void lookStarts() {
        hinted.set(Instant.MAX);
    }

    /** A look ended: {@code soonest} is the earliest timer left (null: none). */
    void lookEnded(Instant soonest) {
        looked.set(soonest == null ? Instant.MAX : soonest);
    }

    /** Looks at once on the next tick (a full batch was moved: more may be due). */
    void lookAgain() {
        looked.set(Instant.MIN);
    }

    /** A timer due at {@code at} is scheduled: after the current transaction commits, or now if there is none. */
    void scheduled(Instant at) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hint(at);
                }
            });
        } else {
            hint(at);
        }
    }

    private void hint(Instant at) {
        hinted.accumulateAndGet(at, (a, b) -> a.isBefore(b) ? a : b);
    }
}
