package io.wahub.hub.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The writer threads of a group commit (the inbox's, delivery outcomes', feature API calls') as a Spring lifecycle:
 * they start with the application, ahead of what hands them work, and stop after it, once what was queued before the
 * stop is written ({@link WriterQueue}). A writer whose loop ends with an error (an {@link OutOfMemoryError} in a hub
 * out of heap, say) starts it again: the batch it was writing has failed, but later work is still written, and its
 * callers, who wait untimed, are answered instead of waiting for a writer that died.
 *
 * @param <T> the work handed in
 */
public abstract class GroupWriter<T> implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GroupWriter.class);

    /** What the writers take. */
    protected final WriterQueue<T> queue = new WriterQueue<>();
    private final String name;
    private final int writers;
    private final int phase;
    private volatile boolean running;

    /**
     * @param name    the threads' name ({@code name-0}, …)
     * @param writers how many threads write
     * @param phase   the lifecycle phase: a writer starts before, and stops after, what hands it work
     */
    protected GroupWriter(String name, int writers, int phase) {
        this.name = name;
        this.writers = writers;
        this.phase = phase;
    }

    /**
     * One writer thread: takes work from {@link #queue} and writes it until the queue answers that it stopped. Work it
     * took is completed, also when it then throws.
     */
    protected abstract void writeLoop();

    /**
     * Waits, untimed (a timed wait costs every caller a timer; the writers complete every future they take), for
     * work handed in to be written, and answers what the writer completed it with; its failure is thrown here.
     *
     * @param what what is written, for the message should the caller be interrupted
     */
    protected static <R> R written(CompletableFuture<R> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + what, e);
        }
    }

    /** Whether the writers take work: false once stopping. */
    protected final boolean taking() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        queue.startWriters(name, writers, this::writeUntilStopped);
    }

    private void writeUntilStopped() {
        while (true) {
            try {
                writeLoop();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed; it goes on with the next work", Thread.currentThread().getName(), e);
            }
        }
    }

    /** Stops taking work; the writers end once they wrote what is queued. */
    @Override
    public void stop() {
        running = false;
        queue.stopWriters();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
