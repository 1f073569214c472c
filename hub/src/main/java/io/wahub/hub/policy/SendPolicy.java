package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.routes.Ref;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one policy gate every send passes, just before its channel is called: the {@link SendCheck}s in their order.
 * The gate's earlier steps happen when messages are stored: the monthly quota
 * ({@link io.wahub.hub.metering.MessageQuota}) and the per-recipient pacing ({@link RecipientPacing}); the
 * per-number throughput comes after it, in delivery.
 */
@Component
public class SendPolicy {

    private final List<SendCheck> checks;
    private final RecipientFacts recipients;
    private final Clock clock;

    public SendPolicy(List<SendCheck> checks, RecipientFacts recipients, Clock clock) {
        this.checks = List.copyOf(checks);
        this.recipients = recipients;
        this.clock = clock;
    }

    /** The decisions for the messages of a batch that are not to be sent now; the others are absent. */
    public Map<Ref, PolicyDecision> decide(List<ClaimedMessage> batch) {
        Map<Ref, PolicyDecision> stopped = new LinkedHashMap<>();
        List<ClaimedMessage> open = new ArrayList<>(batch);
        SendBatch all = SendBatch.of(batch, clock.instant(), recipients::load);
        for (SendCheck check : checks) {
            if (open.isEmpty()) {
                break;
            }
            Map<Ref, PolicyDecision> decided = check.check(all.remaining(open));
            stopped.putAll(decided);
            open.removeIf(message -> decided.containsKey(message.ref()));
        }
        return stopped;
    }
}
