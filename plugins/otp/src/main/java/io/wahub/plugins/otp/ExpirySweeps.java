package io.wahub.plugins.otp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wahub.sdk.FeatureContext;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifications expire on durable timers shared by the codes that expire within one second of each other: a tenant's
 * sweep {@code expiry:<end of the second>} expires every pending verification whose code expired by then. A start
 * schedules the sweep of the second its code expires in, unless this node did so last (it remembers the second it
 * scheduled last per tenant); nodes scheduling the same second write the same timer. So a start costs a timer write
 * only for the first code of its second on a node, approving or canceling a verification costs none, and a code
 * expires at most a second (plus the timer's own lateness) after its {@code expiresAt}. A check of an expired code
 * needs no sweep: it finds the code expired itself.
 *
 * <p>Verifications started before these sweeps carry a timer each ({@code verification:<id>:expiry}); those still
 * fire, and expire their own verification ({@link Verifications#expireIfDue}).
 */
final class ExpirySweeps {

    static final String PREFIX = "expiry:";
    static final Duration SLOT = Duration.ofSeconds(1);

    private final SlotEnds slots = new SlotEnds(SLOT);

    /** Schedules the tenant's sweep of the second {@code expiresAt} falls in, unless this node did so last. */
    void schedule(FeatureContext context, Instant expiresAt) {
        slots.toSchedule(context.tenantId(), expiresAt).ifPresent(end ->
                context.timers().schedule(PREFIX + end, end, JsonNodeFactory.instance.objectNode()));
    }

    /** Whether {@code key} is a sweep's: at its instant, it expires the codes that expired by then. */
    static boolean isSweep(String key) {
        return key.startsWith(PREFIX);
    }
}
