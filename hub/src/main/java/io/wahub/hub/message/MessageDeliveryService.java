package io.wahub.hub.message;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.routes.MessageDelivery;
import io.wahub.routes.Ref;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One delivery attempt per call: claim, send through the tenant's channel connector, record the outcome. Retries
 * are scheduled in the database (exponential back-off, or the channel's Retry-After) so they survive restarts.
 */
@Service
public class MessageDeliveryService implements MessageDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDeliveryService.class);

    private final MessageRepository messages;
    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final WahubProperties.Delivery settings;
    private final UsageMeter meter;
    private final SendThrottle throttle;

    /** Shortest wait of a message over its channel's throughput, so a refused send is not retried in a loop. */
    static final Duration MIN_DEFER = Duration.ofMillis(50);

    public MessageDeliveryService(MessageRepository messages, ExtensionRegistry extensions, HubContexts contexts,
                                  WahubProperties properties, UsageMeter meter, SendThrottle throttle) {
        this.messages = messages;
        this.extensions = extensions;
        this.contexts = contexts;
        this.settings = properties.delivery();
        this.meter = meter;
        this.throttle = throttle;
    }

    @Override
    public void deliver(String messageRef) {
        Ref ref = Ref.decode(messageRef);
        var claimed = messages.claim(ref, settings.lease());
        if (claimed.isEmpty()) {
            return;
        }
        var message = claimed.get();
        ChannelConnector channel = extensions.channel(message.channel()).orElse(null);
        if (channel == null) {
            messages.markDead(ref, "channel '" + message.channel() + "' is not installed");
            return;
        }
        var context = contexts.forExtension(ref.tenantId(), channel);
        var rate = channel.sendRate(context);
        if (rate.isPresent()) {
            var wait = throttle.acquire(channel.id(), rate.get());
            if (wait.isPresent()) {
                Duration later = wait.get().compareTo(MIN_DEFER) < 0 ? MIN_DEFER : wait.get();
                LOG.debug("Message {} deferred {} ms: {} is at {} messages/s", ref, later.toMillis(),
                        rate.get().key(), rate.get().perSecond());
                messages.defer(ref, later);
                return;
            }
        }
        try {
            SendResult result = channel.send(message.message(), context);
            messages.markSent(ref, result.providerMessageId());
            meter.record(ref.tenantId(), UsageMeter.messages(message.message().category().name()), 1);
        } catch (SendFailure failure) {
            String error = failure.code() + ": " + failure.getMessage();
            if (failure.retryable() && message.attempts() < settings.maxAttempts()) {
                Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(message.attempts());
                LOG.info("Message {} attempt {} failed ({}); retrying in {}", ref, message.attempts(), error, wait);
                messages.scheduleRetry(ref, error, wait);
            } else {
                LOG.warn("Message {} is dead after {} attempts: {}", ref, message.attempts(), error);
                messages.markDead(ref, error);
            }
        } catch (RuntimeException bug) {
            LOG.error("Channel {} threw while sending {}", channel.id(), ref, bug);
            if (message.attempts() < settings.maxAttempts()) {
                messages.scheduleRetry(ref, "channel error: " + bug, backoff(message.attempts()));
            } else {
                messages.markDead(ref, "channel error: " + bug);
            }
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
