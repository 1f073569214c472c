package io.wahub.hub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.hub.timer.DueTimer;
import io.wahub.routes.Ref;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LanesTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void webhookEvents_stayInOneLaneInOrder_timersSpreadByKey_sameKeySameLane() {
        List<ClaimedEvent> events = new ArrayList<>();
        events.add(webhook("order.created"));
        for (int i = 0; i < 40; i++) {
            events.add(timer("enrolment:" + i));
        }
        events.add(webhook("order.fulfilled"));
        events.add(timer("enrolment:7"));

        List<List<ClaimedEvent>> lanes = Lanes.of(events, 4);

        assertThat(lanes).hasSizeBetween(2, 4).allSatisfy(lane -> assertThat(lane).isNotEmpty());
        assertThat(lanes).flatMap(lane -> lane).containsExactlyInAnyOrderElementsOf(events);
        List<ClaimedEvent> webhooks = lanes.getFirst().stream()
                .filter(e -> DueTimer.of(e.event()).isEmpty()).toList();
        assertThat(webhooks).extracting(e -> e.event().type()).containsExactly("order.created", "order.fulfilled");
        List<ClaimedEvent> sameKey = lanes.stream().filter(lane -> lane.stream()
                .anyMatch(e -> key(e).equals("enrolment:7"))).findFirst().orElseThrow();
        assertThat(sameKey).filteredOn(e -> key(e).equals("enrolment:7")).hasSize(2);
    }

    @Test
    void oneLane_keepsEverythingInOrder() {
        List<ClaimedEvent> events = List.of(timer("a"), webhook("order.created"), timer("b"));

        assertThat(Lanes.of(events, 1)).containsExactly(events);
    }

    private static String key(ClaimedEvent event) {
        return DueTimer.of(event.event()).map(t -> t.timer().key()).orElse("");
    }

    private static ClaimedEvent webhook(String type) {
        return claimed(new CanonicalEvent("acme", type, "shopify", UUID.randomUUID().toString(), AT,
                JsonNodeFactory.instance.objectNode()));
    }

    private static ClaimedEvent timer(String key) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("feature", "drips").put("key", key);
        return claimed(new CanonicalEvent("acme", EventTypes.TIMER_DUE, DueTimer.SOURCE,
                "drips:" + key + ":" + UUID.randomUUID(), AT, payload));
    }

    private static ClaimedEvent claimed(CanonicalEvent event) {
        return new ClaimedEvent(new Ref("acme", UUID.randomUUID()), event, 1);
    }
}
