package io.wahub.routes;

import io.wahub.sdk.api.ApiProblem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A webhook body that had not fully arrived when its request reached {@link RawWebhookBody}. The rest is read with
 * the container's non-blocking I/O, so no thread waits for a slow sender, under two clocks: the next bytes must come
 * within the idle timeout and the whole body before the deadline (a sender that trickles a byte now and then is cut
 * off there all the same). A complete body is handed on by dispatching the request again (an ASYNC dispatch, which
 * {@link RawWebhookBody} passes through with the body); a slow one is answered 408, one over the budget 503.
 *
 * <p>However the request ends (answered, refused, timed out, or the sender gone), the reader's chunks and budget are
 * given back when its async cycle completes, at the latest.
 */
final class SlowBody implements ReadListener {

    private static final Logger LOG = LoggerFactory.getLogger(SlowBody.class);

    /** The clocks a body is read under, in {@link System#nanoTime()} terms. */
    record Limits(Duration idle, Duration deadline, long startedAt) {
        long deadlineAt() {
            return startedAt + deadline.toNanos();
        }
    }

    private final HttpServletRequest request;
    private final BodyReader reader;
    private final WebhookBodyBudget budget;
    private final ScheduledExecutorService timeouts;
    private final Limits limits;
    private final AsyncContext async;
    private final ServletInputStream in;
    /** Guarded by this: no more reading (the body is complete or refused, or the sender is gone). */
    private boolean over;
    private long lastBytesAt;
    private ScheduledFuture<?> nextCheck;

    private SlowBody(HttpServletRequest request, BodyReader reader, WebhookBodyBudget budget,
                     ScheduledExecutorService timeouts, Limits limits) throws IOException {
        this.request = request;
        this.reader = reader;
        this.budget = budget;
        this.timeouts = timeouts;
        this.limits = limits;
        this.async = request.startAsync();
        this.in = request.getInputStream();
        this.lastBytesAt = System.nanoTime();
    }

    /** Reads the rest of the body as it arrives; the request thread returns at once. */
    static void start(HttpServletRequest request, BodyReader reader, WebhookBodyBudget budget,
                      ScheduledExecutorService timeouts, Limits limits) throws IOException {
        SlowBody body = new SlowBody(request, reader, budget, timeouts, limits);
        // a backstop only: the checks below end the read phase first; the route itself answers in milliseconds
        body.async.setTimeout(limits.deadline().plusMinutes(1).toMillis());
        body.async.addListener(body.new Ending());
        budget.arrivingStarted();
        synchronized (body) {
            body.scheduleCheck(Math.min(body.lastBytesAt + limits.idle().toNanos(), limits.deadlineAt()));
        }
        body.in.setReadListener(body);
    }

    @Override
    public void onDataAvailable() throws IOException {
        BodyReader.Progress progress;
        synchronized (this) {
            if (over) {
                return;
            }
            long before = reader.received();
            progress = reader.read(in, in::isReady);
            if (reader.received() > before) {
                lastBytesAt = System.nanoTime();
            }
            switch (progress) {
                case COMPLETE -> handOn(true);
                case TOO_LARGE -> handOn(false);
                case NO_BUDGET -> stopReading();
                case WAITING -> {
                    return;
                }
            }
        }
        if (progress == BodyReader.Progress.NO_BUDGET) {
            refuse(RawWebhookBody.busy());
        }
    }

    /** A body of unknown length (chunked) is complete here; one of known length already was. */
    @Override
    public void onAllDataRead() {
        synchronized (this) {
            if (!over) {
                handOn(true);
            }
        }
    }

    /** The sender went away, or ended the body before its declared length. */
    @Override
    public void onError(Throwable failure) {
        synchronized (this) {
            if (over) {
                return;
            }
            stopReading();
        }
        LOG.debug("Webhook body for {} broke off after {} bytes: {}", request.getRequestURI(), reader.received(),
                failure.toString());
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        if (!response.isCommitted()) {
            response.setStatus(400);
        }
        complete();
    }

    /** Timer: refuses the body if its next bytes or its end are overdue, else looks again when they would be. */
    private void check() {
        ApiProblem refusal;
        synchronized (this) {
            if (over) {
                return;
            }
            long now = System.nanoTime();
            long idleAt = lastBytesAt + limits.idle().toNanos();
            if (now - limits.deadlineAt() >= 0) {
                refusal = RawWebhookBody.tooSlow("The body did not arrive within", limits.deadline());
            } else if (now - idleAt >= 0) {
                refusal = RawWebhookBody.tooSlow("No bytes of the body arrived for", limits.idle());
            } else {
                scheduleCheck(Math.min(idleAt, limits.deadlineAt()));
                return;
            }
            stopReading();
        }
        LOG.debug("Webhook body for {} timed out after {} bytes: {}", request.getRequestURI(), reader.received(),
                refusal.detail());
        refuse(refusal);
    }

    /** Guarded by this. The request goes on with its body (or, too large, without: the route answers 413). */
    private void handOn(boolean complete) {
        over = true;
        cancelCheck();
        budget.arrivingEnded();
        if (complete) {
            request.setAttribute(RawWebhookBody.ATTRIBUTE, reader.take());
        }
        async.dispatch();
    }

    /** Guarded by this. */
    private void stopReading() {
        over = true;
        cancelCheck();
        budget.arrivingEnded();
        reader.release();
    }

    private void refuse(ApiProblem problem) {
        try {
            ProblemJson.write((HttpServletResponse) async.getResponse(), problem);
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not answer {} to {}: {}", problem.status(), request.getRequestURI(), e.toString());
        }
        complete();
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            // the container ended the request first (its own error handling or timeout)
        }
    }

    /** Guarded by this. */
    private void scheduleCheck(long at) {
        nextCheck = timeouts.schedule(this::check, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Guarded by this. */
    private void cancelCheck() {
        if (nextCheck != null) {
            nextCheck.cancel(false);
        }
    }

    /** The request's async cycle: its end gives everything back; the container's own timeout is a backstop. */
    private final class Ending implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            synchronized (SlowBody.this) {
                if (!over) {
                    stopReading();
                }
                reader.release();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            synchronized (SlowBody.this) {
                if (over) {
                    return;
                }
                stopReading();
            }
            refuse(RawWebhookBody.tooSlow("The body did not arrive within", limits.deadline()));
        }

        @Override
        public void onError(AsyncEvent event) {
            SlowBody.this.onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // one async cycle only
        }
    }
}
