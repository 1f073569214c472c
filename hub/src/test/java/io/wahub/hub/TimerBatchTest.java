package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Timers of one feature falling due together are handed to its {@code onTimers} in one call, each with a run of its
 * own, through the real path (inbound WhatsApp texts schedule them in the tests' plugin jar, PostgreSQL, the
 * inbox, the events and messages API); and one failing timer among them fails alone.
 */
class TimerBatchTest extends FeatureTimerTestBase {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void timersDueTogether_reachOnTimersInOneCall_eachTimersEventListsItsOwnMessage() {
        String tenant = timerTenant("together");

        command(tenant, "schedule-together tg 5 500");

        await().atMost(WAIT).untilAsserted(() -> assertThat(fired(tenant)).containsExactlyInAnyOrder(
                "fired tg0 {\"together\":true} with 5", "fired tg1 {\"together\":true} with 5",
                "fired tg2 {\"together\":true} with 5", "fired tg3 {\"together\":true} with 5",
                "fired tg4 {\"together\":true} with 5"));
        Map<String, String> textOfMessage = new HashMap<>();
        for (JsonNode message : get("/api/v1/tenants/" + tenant + "/messages?limit=50").json()) {
            textOfMessage.put(message.get("id").asText(), message.get("text").asText());
        }
        List<JsonNode> events = timerEvents(tenant);
        assertThat(events).hasSize(5);
        for (JsonNode event : events) {
            JsonNode detail = get("/api/v1/tenants/" + tenant + "/events/" + event.get("id").asText()).json();
            String key = detail.at("/payload/key").asText();
            assertThat(detail.get("messages")).as("the messages of timer " + key).singleElement()
                    .satisfies(message -> assertThat(textOfMessage.get(message.get("id").asText()))
                            .startsWith("fired " + key + " "));
        }
    }

    @Test
    void aFailingTimerAmongThem_failsAlone_theOthersRunOneByOne_andNothingOfTheFailedCallIsKept() {
        String tenant = timerTenant("onefails");

        command(tenant, "schedule-together tf 4 500; schedule tfx 500 {\"fail\":true,\"together\":true}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(fired(tenant)).containsExactlyInAnyOrder(
                "fired tf0 {\"together\":true}", "fired tf1 {\"together\":true}", "fired tf2 {\"together\":true}",
                "fired tf3 {\"together\":true}"));
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(timerEvents(tenant))
                .filteredOn(event -> event.get("status").asText().equals("dead")).singleElement()
                .satisfies(event -> assertThat(event.get("attempts").asInt()).isEqualTo(3)));
        assertThat(timerEvents(tenant)).filteredOn(event -> event.get("status").asText().equals("done")).hasSize(4);
        assertThat(fired(tenant)).hasSize(4).noneMatch(text -> text.contains(" with "));
    }
}
