package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Steps of several contacts falling due together, which the hub hands to the drips plugin as one batch of timers
 * (its set-based path, {@code StepBatch}), through the real path: the drips API in, PostgreSQL, the plugin jar, the
 * Cloud API faked by WireMock out. What each contact gets must not depend on who else was due with them.
 */
class DripBatchTest extends DripTestBase {

    @Test
    void contactsDueTogether_eachGetsTheStepWithTheirOwnName_listedWithTheirOwnTimer_andWaitsForTheNextStep() {
        dripShop("batch");
        Map<String, String> names = Map.of("+4915100000061", "Ann", "+4915100000062", "Ben",
                "+4915100000063", "Cem", "+4915100000064", "Dan");
        names.forEach((phone, name) -> optedInContact(phone, name, "Europe/Berlin"));
        String unconsented = "+4915100000065";
        ZonedDateTime start = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(1).with(LocalTime.of(10, 0));
        clockAt(start);
        String campaign = activeCampaign("""
                {"name":"Together","trigger":"api","steps":[%s,{"id":"w","type":"wait","duration":"PT1H"},%s]}"""
                .formatted(sendStep("s1"), sendStep("s2")));

        enrol(campaign, "+4915100000061", "+4915100000062", "+4915100000063", "+4915100000064", unconsented);

        names.forEach((phone, name) -> {
            assertThat(awaitSends(phone, 1)).containsExactly("post_purchase_review");
            assertThat(variableSent(phone, "first_name")).containsExactly(name);
            await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, phone).path("stepId").asText()
                    .equals("s2"));
            Instant due = Instant.parse(enrolment(campaign, phone).get("dueAt").asText());
            assertThat(due).isBetween(start.toInstant().plus(Duration.ofMinutes(59)),
                    start.toInstant().plus(Duration.ofMinutes(65)));
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, unconsented).path("status").asText()
                .equals("exited"));
        assertThat(enrolment(campaign, unconsented).get("exitReason").asText()).isEqualTo("no-opt-in");
        assertThat(sendsTo(unconsented)).isEmpty();
        assertThat(figures(campaign).at("/steps/0/messaged/sent").asInt()).isEqualTo(4);

        Map<String, String> phoneOfTimer = new HashMap<>();
        names.keySet().forEach(phone -> phoneOfTimer.put("campaign:" + campaign + ":enrolment:"
                + enrolment(campaign, phone).get("id").asText(), phone));
        int listed = 0;
        for (JsonNode event : get("/api/v1/tenants/" + tenant + "/events?limit=100").json()) {
            JsonNode detail = get("/api/v1/tenants/" + tenant + "/events/" + event.get("id").asText()).json();
            String key = detail.at("/payload/key").asText();
            if (!event.get("type").asText().equals("timer.due") || !phoneOfTimer.containsKey(key)) {
                continue;
            }
            List<String> to = detail.get("messages").findValuesAsText("to");
            assertThat(to).as("the messages of the timer event of " + phoneOfTimer.get(key))
                    .containsExactly(phoneOfTimer.get(key));
            listed++;
        }
        assertThat(listed).isEqualTo(4);

        clockForward(Duration.ofMinutes(61));
        names.forEach((phone, name) -> assertThat(awaitSends(phone, 2)).hasSize(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(figures(campaign)
                .at("/steps/2/messaged/sent").asInt()).isEqualTo(4));
    }
}
