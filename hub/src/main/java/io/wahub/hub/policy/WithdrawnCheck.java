package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.routes.Ref;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Messages their feature withdrew ({@link MessageWithdrawals}) after a delivery node had claimed them are suppressed
 * with reason {@value MessageWithdrawals#WITHDRAWN} here, just before the channel would be called: an invoice paid
 * while its reminder was on the way gets no reminder. First of the checks (one indexed lookup per batch).
 */
@Component
@Order(5)
class WithdrawnCheck implements SendCheck {

    private final MessageWithdrawals withdrawals;

    WithdrawnCheck(MessageWithdrawals withdrawals) {
        this.withdrawals = withdrawals;
    }

    @Override
    public Map<Ref, PolicyDecision> check(SendBatch batch) {
        List<ClaimedMessage> messages = batch.messages();
        Set<Ref> withdrawn = withdrawals.withdrawn(messages.stream().map(ClaimedMessage::ref).toList());
        Map<Ref, PolicyDecision> stopped = new HashMap<>();
        for (ClaimedMessage message : messages) {
            if (withdrawn.contains(message.ref())) {
                stopped.put(message.ref(), PolicyDecision.suppress(MessageWithdrawals.WITHDRAWN,
                        MessageWithdrawals.SENTENCE));
            }
        }
        return stopped;
    }
}
