package io.wahub.hub.metering;

import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.metering.QuotaCounters.Counter;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.Ref;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The plan's messages-per-month quota, exact however many batches store messages at once: the transaction that stores
 * messages adds them to their tenant's counter of the UTC month ({@link QuotaCounters}, one row per tenant and month,
 * locked until that transaction ends), and the messages the counter shows beyond the quota are marked
 * {@code suppressed} (reason {@value #QUOTA_EXCEEDED}) with a sentence, in the same transaction. Only messages
 * actually stored count: a message turned away by its idempotency key (a redelivered event) takes nothing.
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
        Map<Ref, String> blocked = overQuota(stored, counters::add);
        suppress(blocked);
        return List.copyOf(blocked.keySet());
    }

    /**
     * Messages taken from their tenants' quotas before they are stored: those beyond a quota are to be stored
     * suppressed ({@link #block}).
     */
    public record Reservation(List<Ref> messages, Map<Ref, String> overQuota) {
    }

    /**
     * Takes messages from their tenants' quotas before the transaction that stores them, in one statement on its own
     * that commits without waiting for the disk ({@link QuotaCounters#addAlone}): a tenant's counter row, which all its
     * concurrent calls share, is then locked only while PostgreSQL runs that statement, not until a transaction's last
     * round trip (with one API call per transaction, the calls of one tenant queued behind each other's, each holding a
     * pooled connection meanwhile). Still exact: each reservation counts after the one before it. Every message
     * reserved and then not stored (a duplicate, a failed transaction) must be given back ({@link #giveBack}). Not
     * inside a transaction.
     *
     * @param queued the messages to store, in the order they were queued
     */
    public Reservation reserve(List<Ref> queued) {
        return new Reservation(List.copyOf(queued), overQuota(queued, counters::addAlone));
    }

    /**
     * In the transaction that stored reserved messages: marks those over the quota suppressed.
     *
     * @param inserted the reserved messages stored now
     * @return the messages marked suppressed
     */
    public List<Ref> block(Reservation reservation, Set<Ref> inserted) {
        Map<Ref, String> blocked = new LinkedHashMap<>(reservation.overQuota());
        blocked.keySet().retainAll(inserted);
        suppress(blocked);
        return List.copyOf(blocked.keySet());
    }

    /** Gives the units of reserved messages that were not stored back to their tenants. One statement on its own. */
    public void giveBack(Reservation reservation, Set<Ref> inserted) {
        SortedMap<String, Integer> unused = perTenant(reservation.messages().stream()
                .filter(ref -> !inserted.contains(ref)).toList());
        if (!unused.isEmpty()) {
            counters.giveBack(unused);
        }
    }

    /** Adds the messages to their tenants' counters; those beyond a tenant's quota (its last ones), with why. */
    private Map<Ref, String> overQuota(List<Ref> stored,
                                       Function<SortedMap<String, Integer>, List<Counter>> add) {
        if (stored.isEmpty()) {
            return Map.of();
        }
        SortedMap<String, List<Ref>> byTenant = new TreeMap<>();
        stored.forEach(ref -> byTenant.computeIfAbsent(ref.tenantId(), t -> new ArrayList<>()).add(ref));
        Map<Ref, String> blocked = new LinkedHashMap<>();
        for (Counter counter : add.apply(perTenant(stored))) {
            List<Ref> refs = byTenant.get(counter.tenantId());
            Plan plan = plans.require(tenants.require(counter.tenantId()).plan());
            Integer limit = plan.messagesPerMonth();
            long usedBefore = counter.used() - refs.size();
            int granted = limit == null ? refs.size() : (int) Math.clamp(limit - usedBefore, 0, refs.size());
            if (granted < refs.size()) {
                String reason = "Monthly message quota of " + limit + " reached (plan '" + plan.id()
                        + "'); upgrade the plan or wait until next month.";
                refs.subList(granted, refs.size()).forEach(ref -> blocked.put(ref, reason));
                LOG.info("{} message(s) of tenant {} blocked: {}", refs.size() - granted, counter.tenantId(), reason);
            }
        }
        return blocked;
    }

    private void suppress(Map<Ref, String> blocked) {
        if (blocked.isEmpty()) {
            return;
        }
        messages.suppress(blocked, QUOTA_EXCEEDED);
        counters.block(perTenant(blocked.keySet()));
    }

    /** How many of {@code messages} each tenant has, in tenant order (the order counter rows are locked in). */
    private static SortedMap<String, Integer> perTenant(Collection<Ref> messages) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        messages.forEach(ref -> counts.merge(ref.tenantId(), 1, Integer::sum));
        return counts;
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
