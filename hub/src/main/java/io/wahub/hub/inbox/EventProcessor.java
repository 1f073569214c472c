package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
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
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import java.time.Duration;
import java.util.ArrayList;
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
 * ({@link DueTimer}), which goes to {@link Feature#onTimer} of the feature that scheduled it and no other.
 */
@Component
class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

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

    private final Tenants tenants;
    private final PlanRepository plans;
    private final FeatureStateRepository featureStates;
    private final ExtensionRegistry extensions;
    private final FeatureContexts contexts;
    private final List<HubEventHandler> handlers;
    private final TemplateResolver templates;
    private final Duration grace;
    private final Duration callTimeout;

    EventProcessor(Tenants tenants, PlanRepository plans, FeatureStateRepository featureStates,
                   ExtensionRegistry extensions, FeatureContexts contexts, List<HubEventHandler> handlers,
                   TemplateResolver templates, WahubProperties properties, FeatureProperties features) {
        this.tenants = tenants;
        this.plans = plans;
        this.featureStates = featureStates;
        this.extensions = extensions;
        this.contexts = contexts;
        this.handlers = List.copyOf(handlers);
        this.templates = templates;
        this.grace = properties.dispatch().grace();
        this.callTimeout = features.callTimeout();
    }

    /**
     * Processes one tenant's claimed events, one after the other. An event is started only while more of its lease
     * is left than a feature's call may take ({@code wahub.features.call-timeout}), and not once {@code stop} says
     * so; the events not started are returned as such.
     *
     * @param leaseEnds when the events' lease runs out, in {@link System#nanoTime()} terms
     */
    TenantRun run(List<ClaimedEvent> events, long leaseEnds, BooleanSupplier stop) {
        List<Processed> processed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (stop.getAsBoolean() || leaseEnds - System.nanoTime() < callTimeout.toNanos()) {
                return new TenantRun(processed, List.copyOf(events.subList(i, events.size())));
            }
            processed.add(process(events.get(i)));
        }
        return new TenantRun(processed, List.of());
    }

    private Processed process(ClaimedEvent claimed) {
        var event = claimed.event();
        try {
            for (HubEventHandler handler : handlers) {
                if (handler.eventTypes().contains(event.type())) {
                    handler.handle(event, claimed.priorAttempts());
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
                run.messages().forEach(message -> queued.add(templates.resolve(new NewMessage(tenantId,
                        tenant.channel(), message, claimed.ref().id(), grace))));
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
