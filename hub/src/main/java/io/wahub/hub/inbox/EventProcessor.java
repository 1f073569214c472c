package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.feature.FeatureContexts;
import io.wahub.hub.feature.FeatureProperties;
import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.feature.FeatureStateRepository;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.tenant.Tenants;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs claimed events through the features their tenant enabled, with no database transaction open: features may
 * call out (a chat model, a payment provider), and what they send is collected in memory, to be stored when the
 * events are finished ({@link DispatchFinish}). A failing event is reported as such; the others go on.
 */
@Component
class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
    static final int STATUS_RETRIES = 2;

    /**
     * What processing an event came to.
     *
     * @param messages what its features queued (empty when it failed)
     * @param failure  why it failed, or null
     */
    record Processed(ClaimedEvent event, List<NewMessage> messages, String failure) {

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
    private final MessageRepository messages;
    private final TransactionTemplate transactions;
    private final Duration grace;
    private final Duration callTimeout;

    EventProcessor(Tenants tenants, PlanRepository plans, FeatureStateRepository featureStates,
                   ExtensionRegistry extensions, FeatureContexts contexts, MessageRepository messages,
                   TransactionTemplate transactions, WahubProperties properties, FeatureProperties features) {
        this.tenants = tenants;
        this.plans = plans;
        this.featureStates = featureStates;
        this.extensions = extensions;
        this.contexts = contexts;
        this.messages = messages;
        this.transactions = transactions;
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
            if (EventTypes.MESSAGE_STATUS.equals(event.type())) {
                applyStatus(event, claimed.priorAttempts());
            }
            String tenantId = event.tenantId();
            var tenant = tenants.require(tenantId);
            Plan plan = plans.require(tenant.plan());
            Set<String> enabled = featureStates.enabledFeatures(tenantId);
            List<NewMessage> queued = new ArrayList<>();
            for (Feature feature : extensions.features()) {
                if (!enabled.contains(feature.id()) || !plan.allowsFeature(feature.id())
                        || !feature.eventTypes().contains(event.type())) {
                    continue;
                }
                FeatureRun run = contexts.open(tenantId, feature);
                feature.onEvent(event, run.context());
                run.messages().forEach(message -> queued.add(new NewMessage(tenantId, tenant.channel(), message,
                        claimed.ref().id(), grace)));
            }
            return new Processed(claimed, queued, null);
        } catch (RuntimeException e) {
            LOG.warn("Event {} failed in a feature (attempt {}): {}", claimed.ref(), claimed.attempt(), e.toString());
            return new Processed(claimed, List.of(), e.toString());
        }
    }

    /**
     * A channel's status report updates the outbox itself (features may react to it as well), in a short
     * transaction of its own. A report can overtake the recording of its send (Meta may post "sent" before the hub
     * has stored the wamid): one that matches no message is retried {@value #STATUS_RETRIES} times (5 s apart)
     * before it is left unapplied, as reports of messages the hub did not send are.
     */
    private void applyStatus(CanonicalEvent event, int priorAttempts) {
        var payload = event.payload();
        String provider = payload.path("providerMessageId").asText("");
        String status = payload.path("status").asText("");
        if (provider.isEmpty() || status.isEmpty()) {
            return;
        }
        String detail = payload.has("error")
                ? payload.path("errorCode").asText("") + ": " + payload.get("error").asText() : null;
        boolean applied = Boolean.TRUE.equals(transactions.execute(tx ->
                messages.applyStatus(event.tenantId(), provider, status, detail)));
        if (!applied) {
            if (priorAttempts < STATUS_RETRIES) {
                throw new IllegalStateException("no message with provider id " + provider + " yet");
            }
            LOG.debug("Status {} of {} for tenant {} matches no message sent by the hub", status, provider,
                    event.tenantId());
        }
    }
}
