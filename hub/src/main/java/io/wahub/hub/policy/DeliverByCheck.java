package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.routes.Ref;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Messages past their {@link io.wahub.sdk.OutboundMessage#deliverBy() deliver-by instant} (a one-time code that
 * expired while the message waited for its turn, a deferral or a retry) are suppressed with reason
 * {@value #EXPIRED}: a late code is worse than none. First of the checks: nothing else matters for such a message.
 */
@Component
@Order(10)
class DeliverByCheck implements SendCheck {

    static final String EXPIRED = "expired";

    @Override
    public Map<Ref, PolicyDecision> check(SendBatch batch) {
        List<ClaimedMessage> messages = batch.messages();
        Instant now = batch.now();
        Map<Ref, PolicyDecision> stopped = new HashMap<>();
        for (ClaimedMessage message : messages) {
            Instant deliverBy = message.message().deliverBy();
            if (deliverBy != null && !now.isBefore(deliverBy)) {
                stopped.put(message.ref(), PolicyDecision.suppress(EXPIRED, "The message was to be delivered by "
                        + deliverBy.truncatedTo(ChronoUnit.SECONDS) + " and was not sent by then; it is not sent"
                        + " late."));
            }
        }
        return stopped;
    }
}
