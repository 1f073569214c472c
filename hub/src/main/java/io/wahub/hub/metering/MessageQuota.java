package io.wahub.hub.metering;

import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.plan.Plan;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The plan's messages-per-month quota, counted from the outbox (every message queued this UTC month, blocked ones
 * excluded), so it is exact across nodes. Two events processed at the same instant may both pass the check at the
 * last free slot: the quota can be exceeded by at most the number of concurrent dispatchers.
 */
@Component
public class MessageQuota {

    private final MessageRepository messages;
    private final Clock clock;

    public MessageQuota(MessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** Why one more message would exceed the quota, or empty when it may be queued. */
    public Optional<String> exceeded(String tenantId, Plan plan) {
        if (plan.messagesPerMonth() == null) {
            return Optional.empty();
        }
        long used = used(tenantId, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        return used < plan.messagesPerMonth() ? Optional.empty()
                : Optional.of("Monthly message quota of " + plan.messagesPerMonth() + " reached (plan '" + plan.id()
                        + "'); upgrade the plan or wait until next month.");
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
