package io.wahub.hub.feature;

import io.wahub.sdk.ConnectorFailure;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Bounds a call a feature makes through the hub: the call runs on a virtual thread of its own and the feature waits
 * for it at most the deadline; a call still running then is interrupted and left to end on its own.
 */
final class CallDeadline {

    /** A call that may fail with the connector's failure type. */
    @FunctionalInterface
    interface Call<T, F extends ConnectorFailure> {
        T call() throws F;
    }

    private CallDeadline() {
    }

    /**
     * The call's result, or its failure; a {@code failure("timeout", detail)} when it takes longer than
     * {@code timeout}.
     */
    static <T, F extends ConnectorFailure> T within(Duration timeout, String what, Class<F> failureType,
                                                    BiFunction<String, String, F> failure, Call<T, F> call)
            throws F {
        FutureTask<T> task = new FutureTask<>(call::call);
        Thread.ofVirtual().name("feature-call").start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw failure.apply("timeout", what + " did not answer within " + timeout.toSeconds()
                    + " s (wahub.features.call-timeout)");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted", what + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (failureType.isInstance(cause)) {
                throw failureType.cast(cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed", cause);
        }
    }
}
