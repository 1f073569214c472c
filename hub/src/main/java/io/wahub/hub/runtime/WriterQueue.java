package io.wahub.hub.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The queue a few writer threads take work from (the group commits of the inbox, of delivery outcomes and of feature
 * API calls), and those threads ({@link #startWriters}, {@link #stopWriters}). A writer waits for work without a
 * timeout, so an idle hub does not wake it every so often to see whether it should stop: {@link #stop} queues a marker
 * instead, which each writer that takes it puts back for the others, and {@link #take} answers null (the writer ends)
 * once nothing but the marker is left. What was queued before the marker is taken first.
 *
 * @param <T> the work
 */
public final class WriterQueue<T> {

    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();

    public void add(T work) {
        queue.add(work);
    }

    /** Takes {@code work} back if no writer took it yet. */
    public boolean remove(T work) {
        return queue.remove(work);
    }

    /** The next work, waiting for it; null once stopped with nothing else queued: the writer then ends. */
    @SuppressWarnings("unchecked")
    public T take() throws InterruptedException {
        while (true) {
            Object next = queue.take();
            if (next != STOP) {
                return (T) next;
            }
            boolean more = !queue.isEmpty();
            queue.add(STOP); // for the other writers
            if (!more) {
                return null;
            }
        }
    }

    /** Work that is waiting, if any, without waiting for it (null: none, or only the stop marker). */
    @SuppressWarnings("unchecked")
    public T poll() {
        Object next = queue.poll();
        if (next == STOP) {
            queue.add(STOP);
            return null;
        }
        return (T) next;
    }

    /**
     * Waits for work, then moves it and up to {@code max - 1} more that are waiting into {@code batch}; false (the
     * writer ends) once stopped with nothing else queued.
     */
    public boolean takeBatch(List<T> batch, int max) throws InterruptedException {
        T first = take();
        if (first == null) {
            return false;
        }
        batch.add(first);
        drainTo(batch, max - 1);
        return true;
    }

    /** Moves up to {@code max} waiting works into {@code batch}, without waiting. */
    public void drainTo(List<T> batch, int max) {
        for (int i = 0; i < max; i++) {
            T next = poll();
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /** The writers end once what is queued now is taken. */
    public void stop() {
        queue.add(STOP);
    }

    /** Starts {@code count} writer threads ({@code name-0}, …) running {@code loop}, after an earlier stop too. */
    public synchronized void startWriters(String name, int count, Runnable loop) {
        restart();
        for (int i = 0; i < count; i++) {
            writers.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(loop));
        }
    }

    /** Stops the writers once what is queued now is taken, waiting up to 10 s for each to end. */
    public synchronized void stopWriters() {
        stop();
        for (Thread writer : writers) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    /** Takes away the marker an earlier {@link #stop} left, before writers start again. */
    private void restart() {
        queue.remove(STOP);
    }
}
