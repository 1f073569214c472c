package io.wahub.routes;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The memory all webhook bodies being received or processed may hold together
 * ({@code wahub.webhooks.in-flight-budget-bytes}). {@link BodyReader} reserves a chunk's size before it reads bytes
 * that have arrived into it and gives everything back when its request ends, however it ends; what cannot be
 * reserved is refused with 503. {@link #inUse()} and {@link #bodiesArriving()} show the current state.
 */
@Component
public class WebhookBodyBudget {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookBodyBudget.class);

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicInteger arriving = new AtomicInteger();
    private final AtomicBoolean exhausted = new AtomicBoolean();

    public WebhookBodyBudget(WebhookBodyProperties properties) {
        this.limit = properties.inFlightBudgetBytes();
    }

    /** Bytes reserved right now by webhook bodies (received, or being processed). */
    public long inUse() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    /** Requests whose body has not fully arrived yet and is being read as it comes. */
    public int bodiesArriving() {
        return arriving.get();
    }

    /** Takes {@code bytes} from the budget, or nothing if that would go over it. */
    boolean tryReserve(long bytes) {
        long current;
        do {
            current = used.get();
            if (current + bytes > limit) {
                if (exhausted.compareAndSet(false, true)) {
                    LOG.warn("Webhook body budget exhausted ({} of {} bytes in use): refusing webhooks with 503 until"
                            + " bodies in flight end (wahub.webhooks.in-flight-budget-bytes)", current, limit);
                }
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    void release(long bytes) {
        long now = used.addAndGet(-bytes);
        if (now < 0) {
            throw new IllegalStateException("webhook body budget released more than was reserved: " + now);
        }
        if (now <= limit / 2 && exhausted.compareAndSet(true, false)) {
            LOG.info("Webhook body budget available again ({} of {} bytes in use)", now, limit);
        }
    }

    void arrivingStarted() {
        arriving.incrementAndGet();
    }

    void arrivingEnded() {
        arriving.decrementAndGet();
    }
}
