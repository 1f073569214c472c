package io.wahub.hub.metering;

import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.plan.Plan;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The plan's messages-per-month quota, counted from the outbox (every message queued this UTC month, blocked ones
 * excluded) plus the messages of the current dispatch batch not stored yet, so it is exact across nodes. Batches
 * dispatched at the same time do not see each other's messages before they commit: near the limit, the quota can be
 * exceeded by what the other batches in flight queue.
 */
@Component
public class MessageQuota {

    private final MessageRepository messages;
    private final Clock clock;

    public MessageQuota(MessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** Quota checks for one dispatch batch, which counts each tenant's stored messages once. */
    public Batch batch() {
        return new Batch(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * The quota as seen by one dispatch batch: a tenant's messages stored this month (counted at its first check)
     * plus those the batch has queued for it so far.
     */
    public final class Batch {

        private final YearMonth month;
        private final Map<String, Long> used = new HashMap<>();

        private Batch(YearMonth month) {
            this.month = month;
        }

        /** Why one more message would exceed the quota, or empty when it may be queued (then call {@link #queued}). */
        public Optional<String> exceeded(String tenantId, Plan plan) {
            if (plan.messagesPerMonth() == null) {
                return Optional.empty();
            }
            long count = used.computeIfAbsent(tenantId, tenant -> used(tenant, month));
            return count < plan.messagesPerMonth() ? Optional.empty()
                    : Optional.of("Monthly message quota of " + plan.messagesPerMonth() + " reached (plan '"
                            + plan.id() + "'); upgrade the plan or wait until next month.");
        }

        /** The batch queued a message for the tenant. */
        public void queued(String tenantId) {
            used.computeIfPresent(tenantId, (tenant, count) -> count + 1);
        }
    }

    public long used(String tenantId, YearMonth month) {
        return messages.count(tenantId, start(month), start(month.plusMonths(1)), false);
    }

    public long blocked(String tenantId, YearMonth month) {
        return messages.count(tenantId, start(month), start(month.plusMonths(1)), true);
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
