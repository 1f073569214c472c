package io.wahub.hub.message;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.policy.PolicyDecision;
import io.wahub.hub.policy.SendPolicy;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.MessageDelivery;
import io.wahub.routes.MessageDelivery.Deferred;
import io.wahub.routes.Ref;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.message.MessageOutcomes.Outcome;
import io.wahub.sdk.ChannelConnector.SendRate;
import io.wahub.sdk.PluginContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Delivers a batch of messages: take from each number's throughput budget ({@link SendThrottle}) what the batch
 * needs, claim the messages the budgets allow, pass them through the send policy ({@link SendPolicy}: those it
 * stops are recorded suppressed or deferred, with their reason, and their budget given back), send each through its tenant's channel connector (the sends of a
 * batch in parallel, on virtual threads), and record each outcome the moment its send returns
 * ({@link OutcomeRecorder}, group commit), so that a crash repeats only the sends in flight, not the batch. A sent
 * message is metered once its outcome is committed. Messages over their number's budget are not claimed: they wait
 * for their turn in memory ({@link SendPacer}), so a backlog costs the database nothing until it is sent. The claim
 * commits without waiting for the disk ({@link RelaxedCommit}); the outcomes do not, so a message recorded as sent
 * is never sent again. Retries are scheduled in the database (exponential back-off, or the channel's Retry-After,
 * both capped by {@code wahub.delivery.max-backoff}) so they survive restarts.
 */
@Service
public class MessageDeliveryService implements MessageDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDeliveryService.class);

    /** A claimed message with the channel that will send it. */
    private record Attempt(ClaimedMessage message, ChannelConnector channel, PluginContext context) {
    }

    /** One throughput budget: a channel's key (a WhatsApp number) at a rate. */
    private record Budget(String channel, SendRate rate) {
    }

    private final MessageClaims messages;
    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final WahubProperties.Delivery settings;
    private final UsageMeter meter;
    private final SendThrottle throttle;
    private final Tenants tenants;
    private final SendPacer pacer;
    private final OutcomeRecorder outcomes;
    private final SendPolicy policy;
    private final Clock clock;

    public MessageDeliveryService(MessageClaims messages, ExtensionRegistry extensions, HubContexts contexts,
                                  WahubProperties properties, UsageMeter meter, SendThrottle throttle,
                                  Tenants tenants, SendPacer pacer, OutcomeRecorder outcomes, SendPolicy policy,
                                  Clock clock) {
        this.messages = messages;
        this.extensions = extensions;
        this.contexts = contexts;
        this.settings = properties.delivery();
        this.meter = meter;
        this.throttle = throttle;
        this.tenants = tenants;
        this.pacer = pacer;
        this.outcomes = outcomes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public List<Deferred> deliver(List<String> messageRefs) {
        List<Ref> refs = messageRefs.stream().map(Ref::decode).distinct().filter(ref -> !pacer.isWaiting(ref))
                .toList();
        Map<String, Optional<Budget>> tenantBudgets = new HashMap<>();
        Map<Ref, Budget> budgets = new HashMap<>();
        Map<Budget, List<Ref>> byBudget = new LinkedHashMap<>();
        List<Ref> go = new ArrayList<>();
        for (Ref ref : refs) {
            tenantBudgets.computeIfAbsent(ref.tenantId(), this::budget).ifPresentOrElse(budget -> {
                budgets.put(ref, budget);
                byBudget.computeIfAbsent(budget, b -> new ArrayList<>()).add(ref);
            }, () -> go.add(ref));
        }
        List<Deferred> deferred = new ArrayList<>();
        Map<Budget, Integer> granted = new HashMap<>();
        byBudget.forEach((budget, waiting) -> {
            int allowed = throttle.acquire(budget.channel(), budget.rate(), waiting.size());
            granted.put(budget, allowed);
            go.addAll(waiting.subList(0, allowed));
            for (Ref ref : waiting.subList(allowed, waiting.size())) {
                Duration wait = pacer.nextTurn(ref, budget.channel(), budget.rate());
                LOG.debug("Message {} waits {} ms for its turn: {} is at {} messages/s", ref, wait.toMillis(),
                        budget.rate().key(), budget.rate().perSecond());
                deferred.add(new Deferred(ref.encode(), wait.toMillis()));
            }
        });
        if (go.isEmpty()) {
            return deferred;
        }
        MessageClaims.Claim claim = messages.claim(go, settings.lease());
        List<ClaimedMessage> claimed = claim.messages();
        Map<Ref, PolicyDecision> stopped = new LinkedHashMap<>();
        claim.unsendable().forEach(poison -> stopped.put(poison.ref(),
                PolicyDecision.suppress(poison.reasonCode(), poison.sentence())));
        stopped.putAll(policy.decide(claimed));
        giveBackUnused(granted, budgets, claimed.stream().filter(m -> !stopped.containsKey(m.ref())).toList());
        List<Attempt> attempts = new ArrayList<>();
        List<CompletableFuture<Void>> recordedWithoutSend = new ArrayList<>();
        stopped.forEach((ref, decision) -> recordedWithoutSend.add(recordDecision(ref, decision)));
        for (ClaimedMessage message : claimed) {
            if (stopped.containsKey(message.ref())) {
                continue;
            }
            ChannelConnector channel = extensions.channel(message.channel()).orElse(null);
            if (channel == null) {
                recordedWithoutSend.add(outcomes.record(Outcome.dead(message.ref(),
                        "channel '" + message.channel() + "' is not installed")));
            } else {
                attempts.add(new Attempt(message, channel,
                        contexts.forExtension(message.ref().tenantId(), channel)));
            }
        }
        attempt(attempts);
        recordedWithoutSend.forEach(recorded -> recorded.exceptionally(notRecorded -> null).join());
        return deferred;
    }

    /** A message the send policy stopped: suppressed or deferred with its reason, and counted as such. */
    private CompletableFuture<Void> recordDecision(Ref ref, PolicyDecision decision) {
        if (decision.status().equals(PolicyDecision.SUPPRESSED)) {
            LOG.info("Message {} suppressed ({}): {}", ref, decision.code(), decision.sentence());
            meter.record(ref.tenantId(), UsageMeter.suppressed(decision.code()), 1);
            return outcomes.record(Outcome.suppressed(ref, decision.code(), decision.sentence()));
        }
        LOG.debug("Message {} deferred until {} ({})", ref, decision.until(), decision.code());
        meter.record(ref.tenantId(), UsageMeter.deferred(decision.code()), 1);
        return outcomes.record(Outcome.deferred(ref, decision.code(), decision.sentence(),
                Duration.between(clock.instant(), decision.until())));
    }

    /**
     * The throughput budget a tenant's messages are sent under: its current channel's (a message queued before the
     * tenant switched channels is counted against the new channel's budget).
     */
    private Optional<Budget> budget(String tenantId) {
        return tenants.find(tenantId)
                .flatMap(tenant -> extensions.channel(tenant.channel()))
                .flatMap(channel -> channel.sendRate(contexts.forExtension(tenantId, channel))
                        .map(rate -> new Budget(channel.id(), rate)));
    }

    /** Returns the sends granted for messages the claim did not get (sent already, leased elsewhere, not due). */
    private void giveBackUnused(Map<Budget, Integer> granted, Map<Ref, Budget> budgets,
                                List<ClaimedMessage> claimed) {
        Map<Budget, Integer> unused = new HashMap<>(granted);
        for (ClaimedMessage message : claimed) {
            Budget budget = budgets.get(message.ref());
            if (budget != null) {
                unused.merge(budget, -1, Integer::sum);
            }
        }
        unused.forEach((budget, count) -> {
            if (count > 0) {
                throttle.giveBack(budget.channel(), budget.rate(), count);
            }
        });
    }

    @Override
    public String turnCame(String messageRef) {
        pacer.turnCame(Ref.decode(messageRef));
        return messageRef;
    }

    /**
     * Makes the attempts, in parallel when there are several, each recorded as soon as it returns; returns when
     * every outcome is committed (or could not be).
     */
    private void attempt(List<Attempt> attempts) {
        if (attempts.size() <= 1) {
            attempts.forEach(this::sendAndRecord);
            return;
        }
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            attempts.forEach(attempt -> sends.execute(() -> sendAndRecord(attempt)));
        }
    }

    /** One attempt: send, record the outcome, and once it is committed, meter a sent message. */
    private void sendAndRecord(Attempt attempt) {
        Outcome outcome = send(attempt);
        try {
            outcomes.record(outcome).join();
        } catch (CompletionException notRecorded) {
            return; // logged by the recorder; the message is tried again when its lease expires
        }
        if (outcome.status().equals("sent")) {
            ClaimedMessage message = attempt.message();
            meter.record(message.ref().tenantId(), UsageMeter.messages(message.message().category().name()), 1);
        }
    }

    private Outcome send(Attempt attempt) {
        ClaimedMessage message = attempt.message();
        Ref ref = message.ref();
        try {
            SendResult result = attempt.channel().send(message.message(), attempt.context());
            return Outcome.sent(ref, result.providerMessageId());
        } catch (SendFailure failure) {
            String error = failure.code() + ": " + failure.getMessage();
            if (failure.retryable() && message.attempts() < settings.maxAttempts()) {
                Duration wait = failure.retryAfter() != null ? capped(failure.retryAfter())
                        : backoff(message.attempts());
                LOG.info("Message {} attempt {} failed ({}); retrying in {}", ref, message.attempts(), error, wait);
                return Outcome.retry(ref, error, wait);
            }
            LOG.warn("Message {} is dead after {} attempts: {}", ref, message.attempts(), error);
            return Outcome.dead(ref, error);
        } catch (RuntimeException bug) {
            LOG.error("Channel {} threw while sending {}", attempt.channel().id(), ref, bug);
            return message.attempts() < settings.maxAttempts()
                    ? Outcome.retry(ref, "channel error: " + bug, backoff(message.attempts()))
                    : Outcome.dead(ref, "channel error: " + bug);
        }
    }

    /** initialBackoff × 2^(attempt-1), capped at maxBackoff. */
    Duration backoff(int attempt) {
        return capped(settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20)));
    }

    /**
     * A wait between attempts within [0, maxBackoff]: a channel's Retry-After counts, but never beyond the
     * operator's bound (a day-long Retry-After would otherwise park a message past its customer's interest).
     */
    Duration capped(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    @Override
    public List<String> dueMessages(int limit) {
        return messages.due(limit).stream().map(Ref::encode).toList();
    }
}
