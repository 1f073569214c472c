package io.wahub.plugins.cod;

import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.OrderWriteBack;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a decision back to the store the order came from ({@link FeatureContext#writeBack}), from a durable timer
 * ({@value #STEP}), never inside a transaction. A transient failure (timeout, 429, 5xx) is tried again after 1, 2, 4
 * … minutes (at most an hour) by scheduling the timer again, until the tenant's {@code writeBackAttempts}; a refusal
 * (401, a missing token) or the last attempt leaves {@code write_back} {@code failed} with the store's reason, shown
 * by the API and the panel, and retried only when someone asks ({@code POST …/confirmations/{orderId}/write-back}).
 */
final class WriteBacks {

    static final String STEP = "write-back";
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private WriteBacks() {
    }

    static void schedule(FeatureContext context, Confirmation c, Instant at) {
        context.timers().schedule(CodFlow.key(STEP, c), at, CodFlow.data(c));
    }

    static void attempt(FeatureContext context, Confirmation c, CodSettings settings) {
        if (!"pending".equals(c.writeBack())) {
            return;
        }
        OrderWriteBack.Decision decision = Confirmation.CONFIRMED.equals(c.status())
                ? OrderWriteBack.Decision.CONFIRMED : OrderWriteBack.Decision.CANCELLED;
        String note = decision == OrderWriteBack.Decision.CONFIRMED
                ? "Cash on delivery confirmed by the customer on WhatsApp."
                : "no-answer".equals(c.resolvedBy())
                ? "Cash on delivery order cancelled: the customer did not answer the WhatsApp confirmation."
                : "Cash on delivery order cancelled by the customer on WhatsApp.";
        try {
            context.writeBack(c.source(), new OrderWriteBack.Update(c.orderId(), decision, note));
            Confirmations.writeBack(context.store(), c.source(), c.orderId(), "done", null,
                    context.clock().instant());
        } catch (OrderWriteBack.Failure failure) {
            int attempts = c.writeBackAttempts() + 1;
            boolean again = failure.transientFailure() && attempts < settings.writeBackAttempts();
            Instant now = context.clock().instant();
            String error = failure.code() + ": " + failure.getMessage()
                    + (again ? "" : " (gave up after " + attempts + (attempts == 1 ? " attempt)" : " attempts)"));
            Confirmations.writeBack(context.store(), c.source(), c.orderId(), again ? "pending" : "failed", error, now);
            if (again) {
                schedule(context, c, now.plus(wait(attempts)));
            }
        }
    }

    /** The wait after the {@code attempts}-th failure: 1, 2, 4 … minutes, at most an hour. */
    static Duration wait(int attempts) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempts - 1, 10));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
