package io.wahub.hub.message;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wahub.routes.Ref;
import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * Gives messages over their number's throughput a turn, so each waits once for as long as its place in the line
 * says, instead of being put back and retried until it wins a race against newer messages. Turns are spaced at the
 * number's rate, one line per budget, on this node; a message whose turn comes still asks the {@link SendThrottle}
 * (other nodes spend the same budget).
 *
 * <p>The waiting messages stay {@code queued} in the database, unclaimed, and the pacer remembers them: a message
 * announced again while it waits (by the recovery sweep, once it is past its grace) is recognised and dropped, as its
 * turn will come anyway. After a crash the sweep finds the messages that were waiting; a message whose turn passed
 * {@value #LOST_AFTER_SECONDS} s ago without coming (its announcement lost) is no longer taken for waiting.
 */
@Component
public class SendPacer {

    static final long LOST_AFTER_SECONDS = 10;

    /** The messages waiting, each with the time (nanoTime) of its turn. */
    private final Map<Ref, Long> waiting = new ConcurrentHashMap<>();
    /** One line: a channel's key (a WhatsApp number) at a rate. */
    private record Line(String channel, SendRate rate) {
    }

    /** Per line: the time (nanoTime) of the last turn given out. */
    private final Cache<Line, AtomicLong> lastTurns = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final LongSupplier nanoTime;

    public SendPacer() {
        this(System::nanoTime);
    }

    SendPacer(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Gives the message the next turn of the channel key's budget.
     *
     * @return how long the message waits for its turn
     */
    public Duration nextTurn(Ref message, String channel, SendRate rate) {
        long spacing = 1_000_000_000L / rate.perSecond();
        long now = nanoTime.getAsLong();
        long turn = lastTurns.get(new Line(channel, rate), key -> new AtomicLong(now))
                .accumulateAndGet(now, (last, current) -> Math.max(last, current) + spacing);
        waiting.put(message, turn);
        return Duration.ofNanos(turn - now);
    }

    /** Whether the message is waiting for its turn (an announcement of it now is a duplicate). */
    public boolean isWaiting(Ref message) {
        Long turn = waiting.get(message);
        if (turn == null) {
            return false;
        }
        if (nanoTime.getAsLong() - turn > TimeUnit.SECONDS.toNanos(LOST_AFTER_SECONDS)) {
            waiting.remove(message, turn);
            return false;
        }
        return true;
    }

    /** The message's turn has come: it is announced again and may be delivered. */
    public void turnCame(Ref message) {
        waiting.remove(message);
    }
}
