package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.contact.EventWindows;
import io.wahub.hub.feature.FeatureContexts;
import io.wahub.hub.feature.FeatureProperties;
import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.feature.FeatureStateRepository;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.template.TemplateResolver;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.timer.DueTimer;
import io.wahub.hub.timer.RunTimers;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.TimerRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs claimed events through the features their tenant enabled, with no database transaction open: features may
 * call out (a chat model, a payment provider), and what they send and schedule is collected in memory (named
 * templates resolved, {@link TemplateResolver}), to be applied when the events are finished ({@link DispatchFinish}).
 * A failing event is reported as such; the others go on.
 *
 * <p>An event goes to {@link Feature#onEvent} of every enabled feature subscribed to its type, except a due timer
 * ({@link DueTimer}), which goes to {@link Feature#onTimer} of the feature that scheduled it and no other; due timers
 * that follow each other, of one feature that overrides {@link Feature#onTimers}, go to it in one call, each with a
 * run of its own (on failure, each alone again). The contacts an event's handlers write answer its features' window
 * checks ({@link EventWindows}).
 */
@Component
class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
    /** The most due timers handed to a feature's {@link Feature#onTimers} at once. */
    static final int MAX_TIMER_BATCH = 100;
    /** Whether a feature class overrides {@link Feature#onTimers}. */
    private static final ClassValue<Boolean> TAKES_BATCHES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("onTimers", List.class).getDeclaringClass() != Feature.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /**
     * What processing an event came to.
     *
     * @param messages what its features queued (empty when it failed)
     * @param timers   its features' timer changes (empty when it failed)
     * @param failure  why it failed, or null
     */
    record Processed(ClaimedEvent event, List<NewMessage> messages, List<RunTimers> timers, String failure) {

        boolean failed() {
            return failure != null;
        }
    }

    /** One tenant's events after a run: those processed, and those not started (to give back unprocessed). */
    record TenantRun(List<Processed> processed, List<ClaimedEvent> notStarted) {
    }

    /** The hub handlers' handling of a batch's events, one per handler in their order ({@link #prepare}). */
    record Prepared(List<HubEventHandler.Handling> handlings) {
    }

    private final Tenants tenants;
    private final PlanRepository plans;
    private final FeatureStateRepository featureStates;
    private final ExtensionRegistry extensions;
    private final FeatureContexts contexts;
    private final List<HubEventHandler> handlers;
    private final TemplateResolver templates;
    private final EventWindows windows;
    private final Duration grace;
    private final Duration callTimeout;
    /** Whether a hub handler takes due timers: then each is processed on its own. */
    private final boolean timerHandlers;

    EventProcessor(Tenants tenants, PlanRepository plans, FeatureStateRepository featureStates,
                   ExtensionRegistry extensions, FeatureContexts contexts, List<HubEventHandler> handlers,
                   TemplateResolver templates, EventWindows windows, WahubProperties properties,
                   FeatureProperties features) {
        this.windows = windows;
        this.tenants = tenants;
        this.plans = plans;
        this.featureStates = featureStates;
        this.extensions = extensions;
        this.contexts = contexts;
        this.handlers = List.copyOf(handlers);
        this.templates = templates;
        this.grace = properties.dispatch().grace();
        this.callTimeout = features.callTimeout();
        this.timerHandlers = handlers.stream().anyMatch(handler -> handler.eventTypes()
                .contains(EventTypes.TIMER_DUE));
    }

    /**
     * Has each hub handler prepare the batch's events of its types at once ({@link HubEventHandler#prepare}), before
     * any is processed. A handler whose preparing fails handles each event on its own, as processed.
     */
    Prepared prepare(List<ClaimedEvent> events) {
        List<HubEventHandler.Handling> handlings = new ArrayList<>();
        for (HubEventHandler handler : handlers) {
            List<CanonicalEvent> its = events.stream().map(ClaimedEvent::event)
                    .filter(event -> handler.eventTypes().contains(event.type())).toList();
            HubEventHandler.Handling handling = handler::handle;
            if (!its.isEmpty()) {
                try {
                    handling = handler.prepare(its);
                } catch (RuntimeException e) {
                    LOG.warn("{} could not prepare {} events; each is handled on its own: {}",
                            handler.getClass().getSimpleName(), its.size(), e.toString());
                }
            }
            handlings.add(handling);
        }
        return new Prepared(handlings);
    }

    /**
     * Processes one tenant's claimed events, one after the other, with the hub handlers' handling {@code prepared}
     * for them ({@link #prepare}). An event is started only while more of its lease is left than a feature's call
     * may take ({@code wahub.features.call-timeout}), and not once {@code stop} says so; the events not started are
     * returned as such.
     *
     * @param leaseEnds when the events' lease runs out, in {@link System#nanoTime()} terms
     */
    TenantRun run(List<ClaimedEvent> events, Prepared prepared, long leaseEnds, BooleanSupplier stop) {
        List<Processed> processed = new ArrayList<>();
        for (int i = 0; i < events.size(); ) {
            if (stop.getAsBoolean() || leaseEnds - System.nanoTime() < callTimeout.toNanos()) {
                return new TenantRun(processed, List.copyOf(events.subList(i, events.size())));
            }
            int end = batchEnd(events, i);
            if (end - i > 1) {
                processed.addAll(processTogether(events.subList(i, end), prepared));
            } else {
                processed.add(process(events.get(i), prepared));
            }
            i = end;
        }
        return new TenantRun(processed, List.of());
    }

    /**
     * Where the batch of due timers starting at {@code from} ends: the timers that follow it, of the same feature
     * and with keys of their own, when that feature takes batches ({@link Feature#onTimers} overridden); up to
     * {@value #MAX_TIMER_BATCH}. {@code from + 1} for anything else.
     */
    private int batchEnd(List<ClaimedEvent> events, int from) {
        Optional<DueTimer> first = DueTimer.of(events.get(from).event());
        if (first.isEmpty() || timerHandlers || !takesBatches(first.get().featureId())) {
            return from + 1;
        }
        Set<String> keys = new HashSet<>(List.of(first.get().timer().key()));
        int end = from + 1;
        while (end < events.size() && end - from < MAX_TIMER_BATCH) {
            Optional<DueTimer> next = DueTimer.of(events.get(end).event());
            if (next.isEmpty() || !next.get().featureId().equals(first.get().featureId())
                    || !keys.add(next.get().timer().key())) {
                break;
            }
            end++;
        }
        return end;
    }

    private boolean takesBatches(String featureId) {
        return extensions.feature(featureId).map(feature -> TAKES_BATCHES.get(feature.getClass())).orElse(false);
    }

    /**
     * Due timers of one feature handed over together ({@link Feature#onTimers}), each with a run of its own; when
     * the call throws, or the feature is not on for the tenant, each is processed on its own instead.
     */
    private List<Processed> processTogether(List<ClaimedEvent> group, Prepared prepared) {
        String tenantId = group.getFirst().event().tenantId();
        String featureId = DueTimer.of(group.getFirst().event()).orElseThrow().featureId();
        try {
            var tenant = tenants.require(tenantId);
            Optional<Feature> feature = extensions.feature(featureId);
            if (feature.isEmpty() || !plans.require(tenant.plan()).allowsFeature(featureId)
                    || !featureStates.enabledFeatures(tenantId).contains(featureId)) {
                return group.stream().map(claimed -> process(claimed, prepared)).toList();
            }
            List<FeatureRun> runs = new ArrayList<>();
            List<TimerRun> handed = new ArrayList<>();
            for (ClaimedEvent claimed : group) {
                FeatureRun run = contexts.openDeferred(tenantId, feature.get());
                runs.add(run);
                handed.add(new TimerRun(DueTimer.of(claimed.event()).orElseThrow().timer(), run.context()));
            }
            feature.get().onTimers(handed);
            List<NewMessage> queued = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                for (var message : runs.get(i).messages()) {
                    queued.add(new NewMessage(tenantId, tenant.channel(), message, group.get(i).ref().id(), grace));
                }
            }
            Iterator<NewMessage> resolved = templates.resolveAll(queued).iterator();
            List<Processed> processed = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                List<NewMessage> own = new ArrayList<>();
                for (int m = 0; m < runs.get(i).messages().size(); m++) {
                    own.add(resolved.next());
                }
                processed.add(new Processed(group.get(i), own, List.of(runs.get(i).timers()), null));
            }
            return processed;
        } catch (RuntimeException e) {
            LOG.debug("{} timers of feature {}, tenant {}, failed together ({}); each is run on its own", group.size(),
                    featureId, tenantId, e.toString());
            return group.stream().map(claimed -> process(claimed, prepared)).toList();
        }
    }

    private Processed process(ClaimedEvent claimed, Prepared prepared) {
        var event = claimed.event();
        try (EventWindows.Scope kept = windows.open()) {
            for (int h = 0; h < handlers.size(); h++) {
                if (handlers.get(h).eventTypes().contains(event.type())) {
                    prepared.handlings().get(h).handle(event, claimed.priorAttempts());
                }
            }
            String tenantId = event.tenantId();
            var tenant = tenants.require(tenantId);
            Plan plan = plans.require(tenant.plan());
            Set<String> enabled = featureStates.enabledFeatures(tenantId);
            Optional<DueTimer> timer = DueTimer.of(event);
            List<NewMessage> queued = new ArrayList<>();
            List<RunTimers> timers = new ArrayList<>();
            for (Feature feature : extensions.features()) {
                if (!enabled.contains(feature.id()) || !plan.allowsFeature(feature.id())
                        || !addressedTo(feature, event, timer)) {
                    continue;
                }
                // Its store commits need not wait for the disk: lost to a database crash, the event is dispatched
                // again (its finish commits without waiting too) and the feature redoes them.
                FeatureRun run = contexts.openDeferred(tenantId, feature);
                handOver(feature, event, timer, run.context());
                queued.addAll(templates.resolveAll(run.messages().stream().map(message -> new NewMessage(tenantId,
                        tenant.channel(), message, claimed.ref().id(), grace)).toList(), run.templates()));
                timers.add(run.timers());
            }
            return new Processed(claimed, queued, timers, null);
        } catch (RuntimeException e) {
            LOG.warn("Event {} failed in a feature (attempt {}): {}", claimed.ref(), claimed.attempt(), e.toString());
            return new Processed(claimed, List.of(), List.of(), e.toString());
        }
    }

    /** A due timer is for the feature that scheduled it alone; any other event for the features subscribed to it. */
    private static boolean addressedTo(Feature feature, CanonicalEvent event, Optional<DueTimer> timer) {
        return timer.map(due -> due.featureId().equals(feature.id()))
                .orElseGet(() -> feature.eventTypes().contains(event.type()));
    }

    private static void handOver(Feature feature, CanonicalEvent event, Optional<DueTimer> timer,
                                 FeatureContext context) {
        if (timer.isPresent()) {
            feature.onTimer(timer.get().timer(), context);
        } else {
            feature.onEvent(event, context);
        }
    }
}
