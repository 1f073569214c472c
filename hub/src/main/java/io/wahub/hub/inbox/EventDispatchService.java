package io.wahub.hub.inbox;

import io.wahub.hub.feature.FeatureProperties;
import io.wahub.hub.inbox.EventProcessor.Prepared;
import io.wahub.hub.inbox.EventProcessor.Processed;
import io.wahub.hub.inbox.EventProcessor.TenantRun;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.routes.EventDispatch;
import io.wahub.routes.Ref;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs stored events through the features their tenants enabled, a batch at a time, with no database transaction
 * open while features run (they may call a chat model or a payment provider), and so that a slow tenant slows
 * only itself:
 * <ol>
 * <li>claim: one statement, committed on its own, takes the batch's due events for a lease
 * ({@code wahub.dispatch.lease});</li>
 * <li>prepare: the hub's own handlers do what they can for the batch's events at once, such as one statement that
 * writes the contacts of all its orders ({@link HubEventHandler#prepare});</li>
 * <li>process: each tenant's events, one after the other, on a virtual thread per tenant, the tenants at once
 * ({@link EventProcessor}); a tenant's due timers, independent of each other, in up to
 * {@code wahub.dispatch.timer-lanes} lanes at once ({@link Lanes});</li>
 * <li>finish: after at most {@code wahub.dispatch.batch-wait}, one transaction finishes the events processed by then
 * ({@link DispatchFinish}). A tenant still running goes on in the background and finishes its events itself when
 * done, its messages announced through {@link #announceLateMessagesWith}: the batch's thread is free for the other
 * tenants at once.</li>
 * </ol>
 * A fast batch therefore costs one claim statement, what its handlers prepare, and one finish transaction. The
 * background is bounded ({@link BackgroundGroups}): the events of a tenant at its bound are given back, due again a
 * little later. Features must tolerate running twice for one event (a node may die before finishing it; the event is
 * claimed again after its lease), which is why messages carry an idempotency key and payment links one as well.
 */
@Service
public class EventDispatchService implements EventDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatchService.class);

    /** One tenant's events of a batch, being processed. */
    private record Group(String tenantId, CompletableFuture<TenantRun> run, AtomicBoolean stop) {
    }

    private final InboxRepository inbox;
    private final EventProcessor processor;
    private final DispatchFinish finish;
    private final DispatchProperties settings;
    private final BackgroundGroups background;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dispatch-tenant-", 0).factory());
    private volatile Consumer<List<String>> lateAnnouncer = refs -> LOG.debug(
            "{} messages left to the recovery sweep: no announcer yet", refs.size());

    public EventDispatchService(InboxRepository inbox, EventProcessor processor, DispatchFinish finish,
                                DispatchProperties settings, FeatureProperties features) {
        if (settings.lease().compareTo(features.callTimeout().plus(settings.batchWait())) <= 0) {
            throw new IllegalStateException("wahub.dispatch.lease (" + settings.lease() + ") must be longer than"
                    + " wahub.features.call-timeout (" + features.callTimeout() + ") plus wahub.dispatch.batch-wait ("
                    + settings.batchWait() + ")");
        }
        this.inbox = inbox;
        this.processor = processor;
        this.finish = finish;
        this.settings = settings;
        this.background = new BackgroundGroups(settings.backgroundPerTenant(), settings.backgroundTotal());
    }

    @Override
    public List<String> dispatch(List<String> eventRefs) {
        List<Ref> refs = eventRefs.stream().flatMap(text -> Ref.decodeAll(text).stream()).distinct().toList();
        long claimedAt = System.nanoTime();
        List<ClaimedEvent> claimed = inbox.claim(refs, settings.lease());
        if (claimed.isEmpty()) {
            return List.of();
        }
        long leaseEnds = claimedAt + settings.lease().toNanos();
        List<ClaimedEvent> released = new ArrayList<>();
        Map<String, List<ClaimedEvent>> toRun = new LinkedHashMap<>();
        byTenant(refs, claimed).forEach((tenantId, events) -> {
            if (background.tenantAtBound(tenantId)) {
                LOG.debug("Tenant {} has {} event groups in the background; giving back {} events", tenantId,
                        settings.backgroundPerTenant(), events.size());
                released.addAll(events);
            } else {
                toRun.put(tenantId, events);
            }
        });
        Prepared prepared = processor.prepare(toRun.values().stream().flatMap(List::stream).toList());
        List<Group> groups = new ArrayList<>();
        toRun.forEach((tenantId, events) -> {
            for (List<ClaimedEvent> lane : Lanes.of(events, settings.timerLanes())) {
                AtomicBoolean stop = new AtomicBoolean();
                groups.add(new Group(tenantId, CompletableFuture.supplyAsync(
                        () -> processor.run(lane, prepared, leaseEnds, stop::get), threads), stop));
            }
        });
        awaitUpToTheWait(groups);
        List<Processed> processed = new ArrayList<>();
        for (Group group : groups) {
            if (!group.run().isDone()) {
                if (background.enter(group.tenantId())) {
                    LOG.debug("Tenant {} finishes its events in the background", group.tenantId());
                    group.run().whenCompleteAsync((run, failure) -> finishLate(group.tenantId(), run, failure),
                            threads);
                    continue;
                }
                LOG.warn("The background is full ({} groups): waiting for the event tenant {} is processing",
                        settings.backgroundTotal(), group.tenantId());
                group.stop().set(true);
            }
            TenantRun run = group.run().join();
            processed.addAll(run.processed());
            released.addAll(run.notStarted());
        }
        return finish.finish(processed, released).stream().map(Ref::encode).toList();
    }

    /** The claimed events by tenant, each tenant's in the order they were announced. */
    private static Map<String, List<ClaimedEvent>> byTenant(List<Ref> refs, List<ClaimedEvent> claimed) {
        Map<Ref, ClaimedEvent> byRef = claimed.stream()
                .collect(Collectors.toMap(ClaimedEvent::ref, Function.identity()));
        Map<String, List<ClaimedEvent>> byTenant = new LinkedHashMap<>();
        for (Ref ref : refs) {
            ClaimedEvent event = byRef.get(ref);
            if (event != null) {
                byTenant.computeIfAbsent(ref.tenantId(), tenant -> new ArrayList<>()).add(event);
            }
        }
        return byTenant;
    }

    private void awaitUpToTheWait(List<Group> groups) {
        try {
            CompletableFuture.allOf(groups.stream().map(Group::run).toArray(CompletableFuture[]::new))
                    .get(settings.batchWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a tenant still running, or one whose processing broke: each group is looked at on its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A tenant's events that outlasted their batch's wait: finished on their own, their messages announced. */
    private void finishLate(String tenantId, TenantRun run, Throwable failure) {
        try {
            if (failure != null) {
                LOG.error("Processing events of tenant {} broke; they are due again when their lease ends", tenantId,
                        failure);
                return;
            }
            List<Ref> stored = finish.finish(run.processed(), run.notStarted());
            if (!stored.isEmpty()) {
                lateAnnouncer.accept(stored.stream().map(Ref::encode).toList());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not finish or announce the events of tenant {} processed in the background: {}", tenantId,
                    e.toString());
        } finally {
            background.leave(tenantId);
        }
    }

    @Override
    public void announceLateMessagesWith(Consumer<List<String>> announcer) {
        this.lateAnnouncer = announcer;
    }

    @Override
    public List<String> overdueEvents(int limit) {
        return inbox.overdue(limit).stream().map(Ref::encode).toList();
    }

    /** Lets events processed in the background finish for a few seconds; those still running are swept later. */
    @PreDestroy
    void close() throws InterruptedException {
        threads.shutdown();
        if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.info("Stopping with events still being processed; they are due again when their lease ends");
            threads.shutdownNow();
        }
    }
}
