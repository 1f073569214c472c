package io.wahub.plugins.otp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wahub.sdk.FeatureContext;
import java.time.Duration;
import java.time.Instant;

/**
 * A tenant's purge of finished verifications and of the fraud guard's old counts runs on a durable timer of its own,
 * due at the end of each ten-minute slot in which the tenant started a verification: the expiry sweeps
 * ({@link ExpirySweeps}) come every second in which a code expires, far more often than old rows need deleting.
 *
 * <p>Each node schedules it once per tenant and slot (it remembers the slot it scheduled), so a start costs no
 * statement for it but the first of a slot; nodes scheduling the same slot write the same timer. Should that first
 * start's call fail after all, the purge of that slot is skipped and the next slot's catches up: a purge deletes by
 * age. A purge that leaves finished verifications schedules the next for when the oldest of them is due to go, so a
 * tenant that stops starting verifications still has them deleted.
 */
final class Housekeeping {

    static final String TIMER = "purge";
    static final Duration SLOT = Duration.ofMinutes(10);

    private final SlotEnds slots = new SlotEnds(SLOT);

    /** Schedules the tenant's purge at the end of the current slot, unless this node did already. */
    void schedule(FeatureContext context, Instant now) {
        slots.toSchedule(context.tenantId(), now).ifPresent(end -> scheduleAt(context, end));
    }

    /** Schedules (or moves) the tenant's purge to {@code at}: a purge that leaves rows to delete later, as they age. */
    void scheduleAt(FeatureContext context, Instant at) {
        context.timers().schedule(TIMER, at, JsonNodeFactory.instance.objectNode());
    }
}
