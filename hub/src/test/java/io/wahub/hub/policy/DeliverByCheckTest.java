package io.wahub.hub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.routes.Ref;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliverByCheckTest {

    static final Instant NOW = Instant.parse("2026-05-24T08:11:15.250Z");

    final DeliverByCheck check = new DeliverByCheck();

    @Test
    void messagePastItsDeliverBy_isSuppressedAsExpired_othersPass() {
        ClaimedMessage late = claimed(NOW.minusMillis(1));
        ClaimedMessage atTheInstant = claimed(NOW);
        ClaimedMessage inTime = claimed(NOW.plusMillis(1));
        ClaimedMessage without = claimed(null);

        Map<Ref, PolicyDecision> decided = check.check(SendBatch.of(List.of(late, atTheInstant, inTime, without), NOW,
                messages -> Map.of()));

        assertThat(decided).containsOnlyKeys(late.ref(), atTheInstant.ref());
        assertThat(decided.get(late.ref())).isEqualTo(PolicyDecision.suppress("expired", "The message was to be"
                + " delivered by 2026-05-24T08:11:15Z and was not sent by then; it is not sent late."));
    }

    private static ClaimedMessage claimed(Instant deliverBy) {
        OutboundMessage message = OutboundMessage.text("+4915112345678", MessageCategory.AUTHENTICATION, "123456",
                "k-" + UUID.randomUUID()).withDeliverBy(deliverBy);
        return new ClaimedMessage(new Ref("t1", UUID.randomUUID()), "sandbox", message, 1);
    }
}
