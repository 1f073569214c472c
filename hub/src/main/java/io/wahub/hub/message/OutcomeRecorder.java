package io.wahub.hub.message;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.message.MessageOutcomes.Outcome;
import io.wahub.hub.runtime.GroupWriter;
import io.wahub.hub.runtime.WriterQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records delivery outcomes with group commit, the moment each send returns: the sends hand their outcomes to a few
 * writer threads ({@code wahub.delivery.outcome-writers}, default 2), each of which writes whatever is waiting in
 * one statement and one synchronous commit ({@link MessageOutcomes#record}), again and again, and then completes
 * each outcome's future. Under load a commit carries many outcomes; with one send returning it costs a single round
 * trip, as a direct write would. With two writers, an outcome that arrives while one writer waits for the disk is
 * taken by the other at once, so it waits for one commit, not two.
 *
 * <p>This is what bounds the duplicates a crash can cause. A message is sent again after a crash only if the channel
 * was called and its outcome was not committed when the hub (or its PostgreSQL) died: the sends in flight at that
 * instant, plus the outcomes waiting for a commit in progress. Without it, a batch's outcomes waited for the
 * slowest send of the batch, and a crash repeated every send of the batch.
 *
 * <p>A write that fails (the database is unreachable) is tried again, with back-off, for up to the delivery lease:
 * after that another node may claim the message anyway. An outcome that could not be recorded leaves its message
 * {@code sending} until the lease expires; it is then sent again.
 */
@Component
public class OutcomeRecorder extends GroupWriter<OutcomeRecorder.Pending> {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
    /** Outcomes written in one statement at most. */
    static final int MAX_BATCH = 1_000;
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    record Pending(Outcome outcome, CompletableFuture<Void> recorded) {
    }

    private final MessageOutcomes messages;
    private final Duration retryFor;

    public OutcomeRecorder(MessageOutcomes messages, WahubProperties properties,
                           @Value("${wahub.delivery.outcome-writers:2}") int writers) {
        // starts before, and stops after, Camel (phase Integer.MAX_VALUE - 2049), whose delivery route hands outcomes
        // in until its last batch is done
        super("outcome-writer", atLeastOne(writers), Integer.MAX_VALUE - 4096);
        this.messages = messages;
        this.retryFor = properties.delivery().lease();
    }

    private static int atLeastOne(int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("wahub.delivery.outcome-writers must be at least 1, not " + writers);
        }
        return writers;
    }

    /**
     * Hands an outcome to the writers.
     *
     * @return completes once the outcome is committed (exceptionally when it could not be written)
     */
    public CompletableFuture<Void> record(Outcome outcome) {
        Pending pending = new Pending(outcome, new CompletableFuture<>());
        queue.add(pending);
        if (!taking() && queue.remove(pending)) { // the writers are gone (hub stopping): write it here
            write(List.of(pending));
        }
        return pending.recorded();
    }

    /** Writes what is queued until the hub stops ({@link WriterQueue}: no timed wake while idle). */
    @Override
    protected void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                if (!queue.takeBatch(batch, MAX_BATCH)) {
                    return;
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error unexpected) {
                LOG.error("Outcome writer failed; {} outcomes not recorded", batch.size(), unexpected);
                batch.forEach(pending -> pending.recorded().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Outcome> outcomes = batch.stream().map(Pending::outcome).toList();
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                messages.record(outcomes);
                batch.forEach(pending -> pending.recorded().complete(null));
                return;
            } catch (RuntimeException failure) {
                if (!taking() || System.nanoTime() + wait.toNanos() > deadline) {
                    LOG.error("Could not record {} delivery outcomes; their messages are sent again once their"
                            + " lease expires: {}", outcomes.size(), failure.toString());
                    batch.forEach(pending -> pending.recorded().completeExceptionally(failure));
                    return;
                }
                LOG.warn("Recording {} delivery outcomes failed ({}); trying again in {} ms", outcomes.size(),
                        failure.toString(), wait.toMillis());
                if (!sleep(wait)) {
                    batch.forEach(pending -> pending.recorded().completeExceptionally(failure));
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
