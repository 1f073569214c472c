package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.policy.RecipientStates.Flags;
import io.wahub.hub.policy.RecipientStates.Recipient;
import io.wahub.routes.Ref;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Numbers WhatsApp called undeliverable (error 131026: not on WhatsApp, or unable to receive) and marketing
 * back-offs (error 131049: Meta's per-user marketing limit), both learnt by {@link RecipientSignals}. A message to
 * an undeliverable number is suppressed until the customer writes in; marketing to a recipient in back-off is
 * deferred to its end.
 */
@Component
@Order(60)
class UndeliverableNumberCheck implements SendCheck {

    static final String UNDELIVERABLE = "undeliverable-number";
    static final String MARKETING_LIMIT = "marketing-limit";

    private final RecipientStates states;

    UndeliverableNumberCheck(RecipientStates states) {
        this.states = states;
    }

    @Override
    public Map<Ref, PolicyDecision> check(SendBatch batch) {
        List<ClaimedMessage> messages = batch.messages();
        Instant now = batch.now();
        Map<Recipient, Flags> flags = states.flags(messages.stream()
                .map(m -> new Recipient(m.ref().tenantId(), m.message().to())).distinct().toList());
        Map<Ref, PolicyDecision> stopped = new HashMap<>();
        for (ClaimedMessage message : messages) {
            Flags flag = flags.get(new Recipient(message.ref().tenantId(), message.message().to()));
            if (flag == null) {
                continue;
            }
            if (flag.undeliverableSince() != null) {
                stopped.put(message.ref(), PolicyDecision.suppress(UNDELIVERABLE, "WhatsApp could not deliver to "
                        + message.message().to() + " on " + flag.undeliverableSince().truncatedTo(ChronoUnit.SECONDS)
                        + " (" + flag.undeliverableDetail() + "); nothing is sent to it until the customer writes in."));
            } else if (message.message().category() == io.wahub.sdk.MessageCategory.MARKETING
                    && flag.marketingPausedUntil() != null && flag.marketingPausedUntil().isAfter(now)) {
                stopped.put(message.ref(), PolicyDecision.defer(MARKETING_LIMIT, "WhatsApp's marketing limit for"
                        + " this customer was reached; the message goes after " + flag.marketingPausedUntil()
                        .truncatedTo(ChronoUnit.SECONDS) + ".", flag.marketingPausedUntil()));
            }
        }
        return stopped;
    }
}
