package io.wahub.hub.policy;

import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.hub.message.FailedSends;
import io.wahub.hub.policy.RecipientStates.Recipient;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Learns from the channel what the send policy needs to know about a recipient:
 * <ul>
 * <li>a failed status with error {@value #UNDELIVERABLE} (the number is not on WhatsApp or cannot receive): the
 * number is marked undeliverable, so later sends are suppressed instead of failing one by one;</li>
 * <li>a failed status with error {@value #MARKETING_LIMIT} (Meta's per-user marketing limit): no marketing to the
 * recipient before the next UTC day;</li>
 * <li>an inbound message: the customer can be reached again, the undeliverable mark goes.</li>
 * </ul>
 * The recipient is the report's, else the outbox message's ({@link FailedSends}).
 */
@Component
class RecipientSignals implements HubEventHandler {

    static final String UNDELIVERABLE = "131026";
    static final String MARKETING_LIMIT = "131049";

    private final RecipientStates states;
    private final FailedSends failedSends;
    private final Clock clock;

    RecipientSignals(RecipientStates states, FailedSends failedSends, Clock clock) {
        this.states = states;
        this.failedSends = failedSends;
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.MESSAGE_STATUS, EventTypes.MESSAGE_RECEIVED);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        var payload = event.payload();
        if (event.type().equals(EventTypes.MESSAGE_RECEIVED)) {
            String from = payload.path("from").asText("");
            if (!from.isEmpty()) {
                states.clearUndeliverable(new Recipient(event.tenantId(), from));
            }
            return;
        }
        failedSends.of(event, Set.of(UNDELIVERABLE, MARKETING_LIMIT)).ifPresent(failed -> {
            Recipient recipient = new Recipient(event.tenantId(), failed.recipient());
            if (failed.errorCode().equals(UNDELIVERABLE)) {
                states.markUndeliverable(recipient, event.occurredAt(), failed.errorCode() + ": "
                        + (failed.error() == null ? "undeliverable" : failed.error()));
            } else {
                states.pauseMarketing(recipient,
                        clock.instant().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
            }
        });
    }
}
