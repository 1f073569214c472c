package io.wahub.hub.metering;

import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.metering.QuotaCounters.Counter;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.Ref;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The plan's messages-per-month quota, exact however many batches store messages at once: the transaction that
 * stores messages adds them to their tenant's counter of the UTC month ({@link QuotaCounters}, one row per tenant
 * and month, locked until that transaction ends), and the messages the counter shows beyond the quota are marked
 * {@code suppressed} (reason {@value #QUOTA_EXCEEDED}) with a sentence, in the same transaction. Only messages actually stored count: a message turned
 * away by its idempotency key (a redelivered event) takes nothing.
 */
@Component
public class MessageQuota {

    private static final Logger LOG = LoggerFactory.getLogger(MessageQuota.class);
    /** The send policy's reason code of a message over the quota. */
    public static final String QUOTA_EXCEEDED = "quota-exceeded";

    /**
     * A month's quota figures.
     *
     * @param used    messages that count against the quota (blocked ones excluded)
     * @param blocked  messages stored as blocked for exceeding it
     * @param released messages that died or were suppressed for another reason: never sent, so not counted
     */
    public record Usage(long used, long blocked, long released) {
    }

    private final QuotaCounters counters;
    private final MessageRepository messages;
    private final Tenants tenants;
    private final PlanRepository plans;

    public MessageQuota(QuotaCounters counters, MessageRepository messages, Tenants tenants, PlanRepository plans) {
        this.counters = counters;
        this.messages = messages;
        this.tenants = tenants;
        this.plans = plans;
    }

    /**
     * Takes messages the current transaction has just stored from their tenants' quotas; those beyond a tenant's
     * quota (the last ones of its list) are marked suppressed. One statement, plus one per kind of write when any
     * message is over a quota.
     *
     * @param stored the messages stored, in the order they were queued
     * @return the messages marked suppressed
     */
    public List<Ref> take(List<Ref> stored) {
        if (stored.isEmpty()) {
            return List.of();
        }
        SortedMap<String, List<Ref>> byTenant = new TreeMap<>();
        stored.forEach(ref -> byTenant.computeIfAbsent(ref.tenantId(), t -> new ArrayList<>()).add(ref));
        SortedMap<String, Integer> counts = new TreeMap<>();
        byTenant.forEach((tenant, refs) -> counts.put(tenant, refs.size()));
        Map<Ref, String> blocked = new LinkedHashMap<>();
        SortedMap<String, Integer> blockedCounts = new TreeMap<>();
        for (Counter counter : counters.add(counts)) {
            List<Ref> refs = byTenant.get(counter.tenantId());
            Plan plan = plans.require(tenants.require(counter.tenantId()).plan());
            Integer limit = plan.messagesPerMonth();
            long usedBefore = counter.used() - refs.size();
            int granted = limit == null ? refs.size() : (int) Math.clamp(limit - usedBefore, 0, refs.size());
            if (granted < refs.size()) {
                String reason = "Monthly message quota of " + limit + " reached (plan '" + plan.id()
                        + "'); upgrade the plan or wait until next month.";
                refs.subList(granted, refs.size()).forEach(ref -> blocked.put(ref, reason));
                blockedCounts.put(counter.tenantId(), refs.size() - granted);
                LOG.info("{} message(s) of tenant {} blocked: {}", refs.size() - granted, counter.tenantId(), reason);
            }
        }
        if (!blocked.isEmpty()) {
            messages.suppress(blocked, QUOTA_EXCEEDED);
            counters.block(blockedCounts);
        }
        return List.copyOf(blocked.keySet());
    }

    /** The tenant's quota figures of {@code month}. */
    public Usage usage(String tenantId, YearMonth month) {
        Counter counter = counters.find(tenantId, month);
        return new Usage(counter.used(), counter.blocked(), counter.released());
    }

    /** Messages counted against the quota in {@code month}, per tenant (tenants without any are left out). */
    public Map<String, Long> used(java.util.Collection<String> tenantIds, YearMonth month) {
        Map<String, Long> used = new LinkedHashMap<>();
        if (!tenantIds.isEmpty()) {
            counters.findAll(tenantIds, month).forEach(counter -> used.put(counter.tenantId(), counter.used()));
        }
        return used;
    }
}
