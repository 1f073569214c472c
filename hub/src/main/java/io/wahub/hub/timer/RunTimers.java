package io.wahub.hub.timer;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.Timer;
import io.wahub.sdk.Timers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Timers} of one feature run: what the feature schedules and cancels is only collected here, in order, and
 * applied by {@link TimerRepository#apply} in the transaction that finishes the run (so a failed run changes nothing).
 * A run belongs to one thread.
 */
public final class RunTimers implements Timers {

    /** One call of the feature, in the order made. */
    sealed interface Change {
    }

    record Schedule(Timer timer) implements Change {
    }

    record Cancel(String key) implements Change {
    }

    record CancelPrefix(String prefix) implements Change {
    }

    private final String tenantId;
    private final String featureId;
    private final List<Change> changes = new ArrayList<>();

    public RunTimers(String tenantId, String featureId) {
        this.tenantId = tenantId;
        this.featureId = featureId;
    }

    /**
     * {@inheritDoc} The instant is kept to the microsecond (PostgreSQL's precision), rounded up so that the timer
     * never fires before it.
     */
    @Override
    public void schedule(String key, Instant at, JsonNode data) {
        changes.add(new Schedule(new Timer(key, roundUpToMicros(at), data)));
    }

    @Override
    public void cancel(String key) {
        Timer.checkKey(key, "key");
        changes.add(new Cancel(key));
    }

    @Override
    public void cancelPrefix(String prefix) {
        Timer.checkKey(prefix, "prefix");
        changes.add(new CancelPrefix(prefix));
    }

    String tenantId() {
        return tenantId;
    }

    String featureId() {
        return featureId;
    }

    List<Change> changes() {
        return changes;
    }

    /** Whether the run changed no timer. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    static Instant roundUpToMicros(Instant at) {
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(at) ? at : micros.plus(1, ChronoUnit.MICROS);
    }
}
