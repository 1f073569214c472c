package io.wahub.plugins.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's timer of one kind due at the end of each slot (of a fixed length) in which something happened, written
 * once per node and slot rather than once per happening: the node remembers the slot end it scheduled last per
 * tenant. Nodes that schedule the same slot write the same timer.
 */
final class SlotEnds {

    private final long slotMillis;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    SlotEnds(Duration slot) {
        this.slotMillis = slot.toMillis();
    }

    /**
     * The end of the slot {@code at} falls in (an instant on a slot's end starts the next slot), unless this node last
     * scheduled the tenant's timer for that end (empty: nothing to schedule).
     */
    Optional<Instant> toSchedule(String tenantId, Instant at) {
        Instant end = Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), slotMillis) * slotMillis + slotMillis);
        return end.equals(last.put(tenantId, end)) ? Optional.empty() : Optional.of(end);
    }
}
