package io.wahub.hub.message;

import io.wahub.hub.db.RelaxedCommit;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A channel's status report updates the outbox (features may react to it as well), in a short transaction of its
 * own. A report can overtake the recording of its send (Meta may post "sent" before the hub has stored the wamid):
 * one that matches no message is retried {@value #STATUS_RETRIES} times before it is left unapplied, as reports of
 * messages the hub did not send are.
 */
@Component
public class MessageStatusHandler implements HubEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStatusHandler.class);
    static final int STATUS_RETRIES = 2;

    private final MessageOutcomes messages;
    private final TransactionTemplate transactions;
    private final RelaxedCommit relaxedCommit;

    MessageStatusHandler(MessageOutcomes messages, TransactionTemplate transactions, RelaxedCommit relaxedCommit) {
        this.messages = messages;
        this.transactions = transactions;
        this.relaxedCommit = relaxedCommit;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.MESSAGE_STATUS);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        var payload = event.payload();
        String provider = payload.path("providerMessageId").asText("");
        String status = payload.path("status").asText("");
        if (provider.isEmpty() || status.isEmpty()) {
            return;
        }
        String detail = payload.has("error")
                ? payload.path("errorCode").asText("") + ": " + payload.get("error").asText() : null;
        boolean applied = Boolean.TRUE.equals(transactions.execute(tx -> {
            relaxedCommit.forThisTransaction(); // redone if lost: the event is dispatched again
            return messages.applyStatus(event.tenantId(), provider, status, detail);
        }));
        if (!applied) {
            if (priorAttempts < STATUS_RETRIES) {
                throw new IllegalStateException("no message with provider id " + provider + " yet");
            }
            LOG.debug("Status {} of {} for tenant {} matches no message sent by the hub", status, provider,
                    event.tenantId());
        }
    }
}
