package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.db.RelaxedCommit;
import io.wahub.hub.feature.FeatureStateRepository;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.hub.llm.TenantChat;
import io.wahub.hub.payment.TenantPaymentLinks;
import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.EventDispatch;
import io.wahub.routes.Ref;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs stored events through the features their tenants enabled, a batch at a time: one claim (which marks the
 * events done), one insert of the messages the features queued, one update of their tenants' monthly quotas
 * ({@link MessageQuota}), and one commit. When any event of a batch fails, the batch rolls back and its events are
 * dispatched again one by one, each in its own transaction, so a failing event is retried later on its own and the
 * others go through. Features therefore must tolerate running twice for one
 * event; side effects outside the database (an LLM call, a payment link) are repeated then, which is why payment
 * links carry an idempotency key. Dispatch commits without waiting for the disk ({@link RelaxedCommit}): it only
 * redoes work.
 */
@Service
public class EventDispatchService implements EventDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatchService.class);
    static final int STATUS_RETRIES = 2;

    private final InboxRepository inbox;
    private final MessageRepository messages;
    private final FeatureStateRepository featureStates;
    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final Tenants tenants;
    private final TransactionTemplate transactions;
    private final WahubProperties properties;
    private final PlanRepository plans;
    private final MessageQuota quota;
    private final TenantChat chat;
    private final TenantPaymentLinks payments;
    private final RelaxedCommit relaxedCommit;

    public EventDispatchService(InboxRepository inbox, MessageRepository messages,
                                FeatureStateRepository featureStates, ExtensionRegistry extensions,
                                HubContexts contexts, Tenants tenants, TransactionTemplate transactions,
                                WahubProperties properties, PlanRepository plans,
                                MessageQuota quota, TenantChat chat, TenantPaymentLinks payments,
                                RelaxedCommit relaxedCommit) {
        this.plans = plans;
        this.quota = quota;
        this.inbox = inbox;
        this.messages = messages;
        this.featureStates = featureStates;
        this.extensions = extensions;
        this.contexts = contexts;
        this.tenants = tenants;
        this.transactions = transactions;
        this.properties = properties;
        this.chat = chat;
        this.payments = payments;
        this.relaxedCommit = relaxedCommit;
    }

    @Override
    public List<String> dispatch(List<String> eventRefs) {
        List<Ref> refs = eventRefs.stream().map(Ref::decode).distinct().toList();
        if (refs.size() > 1) {
            try {
                return transactions.execute(status -> {
                    relaxedCommit.forThisTransaction();
                    return process(inbox.claim(refs));
                });
            } catch (RuntimeException e) {
                LOG.debug("A batch of {} events failed ({}); dispatching them one by one", refs.size(), e.toString());
            }
        }
        List<String> queued = new ArrayList<>();
        for (Ref ref : refs) {
            queued.addAll(dispatchOne(ref));
        }
        return queued;
    }

    private List<String> dispatchOne(Ref ref) {
        try {
            return transactions.execute(status -> {
                relaxedCommit.forThisTransaction();
                return process(inbox.claim(List.of(ref)));
            });
        } catch (RuntimeException e) {
            int maxAttempts = properties.dispatch().maxAttempts();
            LOG.warn("Event {} failed in a feature; will retry up to {} attempts: {}", ref, maxAttempts,
                    e.toString());
            transactions.executeWithoutResult(status ->
                    inbox.recordFailure(ref, e.toString(), Duration.ofSeconds(5), maxAttempts));
            return List.of();
        }
    }

    /**
     * Runs the events through their features, then stores the messages they queued, in one statement, and takes
     * those stored from their tenants' monthly quotas (those beyond are stored blocked).
     */
    private List<String> process(List<ClaimedEvent> claimed) {
        List<NewMessage> queued = new ArrayList<>();
        for (ClaimedEvent event : claimed) {
            process(event, queued);
        }
        Set<Ref> inserted = new HashSet<>(messages.enqueue(queued));
        List<Ref> stored = queued.stream().map(message -> new Ref(message.tenantId(), message.id()))
                .filter(inserted::contains).distinct().toList();
        Set<Ref> blocked = new HashSet<>(quota.take(stored));
        return stored.stream().filter(message -> !blocked.contains(message)).map(Ref::encode).toList();
    }

    private void process(ClaimedEvent claimed, List<NewMessage> queued) {
        Ref ref = claimed.ref();
        var event = claimed.event();
        if (EventTypes.MESSAGE_STATUS.equals(event.type())) {
            applyStatus(event, claimed.attempts());
        }
        var tenant = tenants.require(ref.tenantId());
        String channel = tenant.channel();
        Plan plan = plans.require(tenant.plan());
        Set<String> enabled = featureStates.enabledFeatures(ref.tenantId());
        for (Feature feature : extensions.features()) {
            if (!enabled.contains(feature.id()) || !plan.allowsFeature(feature.id())
                    || !feature.eventTypes().contains(event.type())) {
                continue;
            }
            feature.onEvent(event, contexts.forFeature(ref.tenantId(), feature, message -> {
                NewMessage next = new NewMessage(ref.tenantId(), channel, message, ref.id(),
                        properties.dispatch().grace());
                queued.add(next);
                return next.id().toString();
            }, chat::chat, payments::create));
        }
    }

    /**
     * A channel's status report updates the outbox itself (features may react to it as well). A report can
     * overtake the recording of its send (Meta may post "sent" before the hub has stored the wamid): one that
     * matches no message is retried {@value #STATUS_RETRIES} times (5 s apart) before it is left unapplied, as
     * reports of messages the hub did not send are.
     */
    private void applyStatus(CanonicalEvent event, int attempts) {
        var payload = event.payload();
        String provider = payload.path("providerMessageId").asText("");
        String status = payload.path("status").asText("");
        if (provider.isEmpty() || status.isEmpty()) {
            return;
        }
        String detail = payload.has("error")
                ? payload.path("errorCode").asText("") + ": " + payload.get("error").asText() : null;
        if (!messages.applyStatus(event.tenantId(), provider, status, detail)) {
            if (attempts < STATUS_RETRIES) {
                throw new IllegalStateException("no message with provider id " + provider + " yet");
            }
            LOG.debug("Status {} of {} for tenant {} matches no message sent by the hub", status, provider,
                    event.tenantId());
        }
    }

    @Override
    public List<String> overdueEvents(int limit) {
        return inbox.overdue(limit).stream().map(Ref::encode).toList();
    }
}
