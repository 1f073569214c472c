package io.wahub.hub.message;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.db.RelaxedCommit;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.routes.MessageDelivery;
import io.wahub.routes.MessageDelivery.Deferred;
import io.wahub.routes.Ref;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import io.wahub.hub.message.MessageRepository.ClaimedMessage;
import io.wahub.hub.message.MessageRepository.Outcome;
import io.wahub.sdk.ChannelConnector.SendRate;
import io.wahub.sdk.PluginContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers a batch of messages: claim them all, send each through its tenant's channel connector (the sends of a
 * batch in parallel, on virtual threads), record every outcome in one statement. The claim commits without waiting
 * for the disk ({@link RelaxedCommit}); the outcomes do not, so a message sent is never sent again. Retries are
 * scheduled in the database (exponential back-off, or the channel's Retry-After) so they survive restarts; messages
 * over their number's throughput are put back, spread over the time the budget needs to refill.
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

    private final MessageRepository messages;
    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final WahubProperties.Delivery settings;
    private final UsageMeter meter;
    private final SendThrottle throttle;
    private final TransactionTemplate transactions;
    private final RelaxedCommit relaxedCommit;

    /** Shortest wait of a message over its channel's throughput, so a refused send is not retried in a loop. */
    static final Duration MIN_DEFER = Duration.ofMillis(50);

    public MessageDeliveryService(MessageRepository messages, ExtensionRegistry extensions, HubContexts contexts,
                                  WahubProperties properties, UsageMeter meter, SendThrottle throttle,
                                  TransactionTemplate transactions, RelaxedCommit relaxedCommit) {
        this.messages = messages;
        this.extensions = extensions;
        this.contexts = contexts;
        this.settings = properties.delivery();
        this.meter = meter;
        this.throttle = throttle;
        this.transactions = transactions;
        this.relaxedCommit = relaxedCommit;
    }

    @Override
    public List<Deferred> deliver(List<String> messageRefs) {
        List<Ref> refs = messageRefs.stream().map(Ref::decode).distinct().toList();
        List<Outcome> outcomes = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        Map<Budget, List<Attempt>> limited = new LinkedHashMap<>();
        List<ClaimedMessage> claimed = transactions.execute(status -> {
            relaxedCommit.forThisTransaction();
            return messages.claim(refs, settings.lease());
        });
        for (ClaimedMessage message : claimed) {
            ChannelConnector channel = extensions.channel(message.channel()).orElse(null);
            if (channel == null) {
                outcomes.add(Outcome.dead(message.ref(), "channel '" + message.channel() + "' is not installed"));
                continue;
            }
            var attempt = new Attempt(message, channel, contexts.forExtension(message.ref().tenantId(), channel));
            channel.sendRate(attempt.context()).ifPresentOrElse(rate ->
                    limited.computeIfAbsent(new Budget(channel.id(), rate), b -> new ArrayList<>()).add(attempt),
                    () -> attempts.add(attempt));
        }
        limited.forEach((budget, waiting) -> {
            int granted = throttle.acquire(budget.channel(), budget.rate(), waiting.size());
            attempts.addAll(waiting.subList(0, granted));
            for (int over = 1; granted + over <= waiting.size(); over++) {
                Duration later = Duration.ofSeconds(over).dividedBy(budget.rate().perSecond());
                Ref ref = waiting.get(granted + over - 1).message().ref();
                LOG.debug("Message {} deferred {} ms: {} is at {} messages/s", ref, later.toMillis(),
                        budget.rate().key(), budget.rate().perSecond());
                outcomes.add(Outcome.deferred(ref, later.compareTo(MIN_DEFER) < 0 ? MIN_DEFER : later));
            }
        });
        List<Outcome> sent = send(attempts);
        outcomes.addAll(sent);
        messages.record(outcomes);
        for (int i = 0; i < attempts.size(); i++) {
            if (sent.get(i).status().equals("sent")) {
                ClaimedMessage message = attempts.get(i).message();
                meter.record(message.ref().tenantId(), UsageMeter.messages(message.message().category().name()), 1);
            }
        }
        return outcomes.stream().filter(Outcome::deferred)
                .map(o -> new Deferred(o.ref().encode(), o.delay().toMillis())).toList();
    }

    /** Makes the attempts, in parallel when there are several; the outcomes in the attempts' order. */
    private List<Outcome> send(List<Attempt> attempts) {
        if (attempts.size() <= 1) {
            return attempts.stream().map(this::send).toList();
        }
        List<Future<Outcome>> outcomes;
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            outcomes = attempts.stream().map(attempt -> sends.submit(() -> send(attempt))).toList();
        }
        return outcomes.stream().map(Future::resultNow).toList();
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
                Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(message.attempts());
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
        Duration wait = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    @Override
    public List<String> dueMessages(int limit) {
        return messages.due(limit).stream().map(Ref::encode).toList();
    }
}
