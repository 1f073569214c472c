package io.wahub.hub.feature.api;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.routes.Endpoints;
import io.wahub.routes.Ref;
import io.wahub.sdk.OutboundMessage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the messages a feature sent during an API call, the way a dispatched event's are ({@code DispatchFinish}):
 * one statement, deduplicated by idempotency key, taken from the tenant's monthly quota (those beyond it stored
 * {@code blocked}); then, once committed, the others are announced on the delivery bus. An announcement lost is
 * not a message lost: the recovery sweep delivers it after {@code wahub.dispatch.grace}.
 */
@Component
class OperationMessages {

    private static final Logger LOG = LoggerFactory.getLogger(OperationMessages.class);

    private final MessageRepository messages;
    private final MessageQuota quota;
    private final ProducerTemplate announcements;
    private final Duration grace;

    OperationMessages(MessageRepository messages, MessageQuota quota, ProducerTemplate announcements,
                      WahubProperties properties) {
        this.messages = messages;
        this.quota = quota;
        this.announcements = announcements;
        this.grace = properties.dispatch().grace();
    }

    /**
     * Stores the messages; call inside the transaction that records the call.
     *
     * @return the messages stored and not blocked, to {@link #announce} after the commit
     */
    List<Ref> store(String tenantId, String channel, List<OutboundMessage> sent) {
        if (sent.isEmpty()) {
            return List.of();
        }
        List<NewMessage> queued = sent.stream().map(m -> new NewMessage(tenantId, channel, m, null, grace)).toList();
        Set<Ref> inserted = new HashSet<>(messages.enqueue(queued));
        List<Ref> stored = queued.stream().map(m -> new Ref(tenantId, m.id())).filter(inserted::contains)
                .distinct().toList();
        Set<Ref> blocked = new HashSet<>(quota.take(stored));
        return stored.stream().filter(ref -> !blocked.contains(ref)).toList();
    }

    /** Announces stored messages to delivery. */
    void announce(List<Ref> stored) {
        if (stored.isEmpty()) {
            return;
        }
        try {
            announcements.sendBody(Endpoints.QUEUED_MESSAGES, stored.stream().map(Ref::encode).toList());
        } catch (RuntimeException e) {
            LOG.warn("Could not announce {} messages; the recovery sweep delivers them: {}", stored.size(),
                    e.toString());
        }
    }
}
