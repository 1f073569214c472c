package io.wahub.hub.timer;

import io.wahub.hub.WahubProperties;
import io.wahub.routes.DueTimers;
import io.wahub.routes.Ref;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Moves due timers into the inbox for the timer route, on every processing node: batches of
 * {@code wahub.timers.batch-size} while they come back full, for at most one {@code wahub.timers.period}, so a
 * backlog (timers that fell due while no hub ran, or a burst due at one instant) goes out at full speed while an idle
 * look costs two indexed queries. Due is judged by the hub's clock, so a timer never fires before its instant as this
 * node sees time. A tick looks into the database only when a timer may be due ({@link TimerWake}: the soonest timer
 * the last look saw, or one this node scheduled since) or {@code wahub.timers.idle-look} has passed since the last
 * look: an idle node does not query the table four times a second.
 */
@Service
public class TimerFiring implements DueTimers {

    private static final Logger LOG = LoggerFactory.getLogger(TimerFiring.class);

    private final TimerRepository timers;
    private final Clock clock;
    private final Duration period;
    private final int batchSize;
    private final Duration grace;
    private final TimerWake wake;
    private final long idleLookNanos;
    private volatile long lookedAt = System.nanoTime();

    public TimerFiring(TimerRepository timers, Clock clock, TimerProperties settings, WahubProperties properties,
                       TimerWake wake) {
        this.wake = wake;
        this.idleLookNanos = settings.idleLook().toNanos();
        this.timers = timers;
        this.clock = clock;
        this.period = settings.period();
        this.batchSize = settings.batchSize();
        this.grace = properties.dispatch().grace();
    }

    @Override
    public List<String> moveDue() {
        long started = System.nanoTime();
        if (!wake.mayBeDue(clock.instant()) && started - lookedAt < idleLookNanos) {
            return List.of();
        }
        lookedAt = started;
        wake.lookStarts();
        List<String> events = new ArrayList<>();
        List<Ref> moved;
        do {
            moved = timers.moveDue(clock.instant(), batchSize, grace);
            moved.forEach(ref -> events.add(ref.encode()));
        } while (moved.size() == batchSize && System.nanoTime() - started < period.toNanos());
        if (moved.size() == batchSize) {
            wake.lookAgain();
        } else {
            wake.lookEnded(timers.soonestDue());
        }
        if (!events.isEmpty()) {
            LOG.debug("Moved {} due timers into the inbox", events.size());
        }
        return events;
    }
}
