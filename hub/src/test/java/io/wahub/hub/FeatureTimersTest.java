package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.testplugin.TimerCommandsFeature;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Features' durable timers through the running hub: scheduled by a real plugin's feature run (an inbound WhatsApp
 * text through the Evolution webhook), moved into the inbox when due, handed to the feature's {@code onTimer}, and
 * listed with the tenant's events.
 */
class FeatureTimersTest extends FeatureTimerTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Test
    void dueTimer_reachesItsFeaturesOnTimerOnce_notBeforeItsInstant_asATimerDueEventDone() {
        String tenant = timerTenant("timer");

        command(tenant, "schedule reminder-1 1500 {\"order\":\"#1001\"}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(fired(tenant))
                .containsExactly("fired reminder-1 {\"order\":\"#1001\"}"));
        JsonNode event = timerEvents(tenant).getFirst();
        assertThat(event.get("source").asText()).isEqualTo("timer");
        assertThat(event.get("deliveryId").asText()).startsWith(TimerCommandsFeature.ID + ":reminder-1:");
        assertThat(event.get("status").asText()).isEqualTo("done");
        assertThat(event.get("attempts").asInt()).isEqualTo(1);
        Instant due = Instant.parse(event.get("occurredAt").asText());
        assertThat(Instant.parse(event.get("receivedAt").asText())).as("moved into the inbox").isAfterOrEqualTo(due);
        assertThat(event.get("deliveryId").asText()).endsWith(":" + (due.getEpochSecond() * 1_000_000
                + due.getNano() / 1_000));
        assertThat(timerRows(tenant)).isZero();
    }

    @Test
    void schedulingAKeyAgain_replacesItsInstantAndData_soItFiresOnce() {
        String tenant = timerTenant("replace");
        command(tenant, "schedule k 4000 {\"v\":1}");
        await().atMost(WAIT).until(() -> timerRows(tenant) == 1);

        command(tenant, "schedule k 0 {\"v\":2}; schedule j 0 {\"v\":1}; schedule j 300 {\"v\":2}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(fired(tenant)).hasSize(2));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).untilAsserted(() -> assertThat(
                fired(tenant)).containsExactlyInAnyOrder("fired k {\"v\":2}", "fired j {\"v\":2}"));
        assertThat(timerEvents(tenant)).hasSize(2);
    }

    @Test
    void cancelByKeyAndByPrefix_removesOnlyThoseTimers() {
        String tenant = timerTenant("cancel");
        command(tenant, "schedule order:1:remind 3000; schedule order:1:expire 3000; schedule order:2:remind 3000;"
                + " schedule order:10:remind 3000");
        await().atMost(WAIT).until(() -> timerRows(tenant) == 4);

        command(tenant, "cancel-prefix order:1:; cancel order:2:remind");

        await().atMost(WAIT).untilAsserted(() -> assertThat(fired(tenant)).isNotEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                fired(tenant)).containsExactly("fired order:10:remind null"));
        assertThat(timerRows(tenant)).isZero();
    }

    @Test
    void failingTimer_isRetriedThenDead_andVisibleInTheEventsApi() {
        String tenant = timerTenant("failing");

        command(tenant, "schedule doomed 0 {\"fail\":true}");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(timerEvents(tenant))
                .singleElement().satisfies(event -> assertThat(event.get("status").asText()).isEqualTo("dead")));
        JsonNode event = timerEvents(tenant).getFirst();
        assertThat(event.get("attempts").asInt()).isEqualTo(3);
        assertThat(event.get("lastError").asText())
                .isEqualTo("java.lang.IllegalStateException: timer doomed failed on purpose");
        assertThat(fired(tenant)).isEmpty();
    }

    @Test
    void runThatFails_schedulesNothing() {
        String tenant = timerTenant("failrun");

        command(tenant, "schedule never 3600000; fail");

        await().atMost(WAIT).untilAsserted(() -> assertThat(latestEvent(tenant).path("lastError").asText())
                .isEqualTo("java.lang.IllegalStateException: the run failed on purpose"));
        assertThat(timerRows(tenant)).isZero();
        command(tenant, "schedule kept 3600000");
        await().atMost(WAIT).untilAsserted(() -> assertThat(timerRows(tenant)).isEqualTo(1));
    }

    @Test
    void keySpacesArePerTenant_tenantBCancellingItsKeyLeavesTenantAsTimer() {
        String tenantA = timerTenant("owner");
        String tenantB = timerTenant("other");
        command(tenantA, "schedule shared 2000");
        command(tenantB, "schedule shared 3600000");
        await().atMost(WAIT).until(() -> timerRows(tenantA) == 1 && timerRows(tenantB) == 1);

        command(tenantB, "cancel shared; cancel-prefix sha");

        await().atMost(WAIT).untilAsserted(() -> assertThat(fired(tenantA)).containsExactly("fired shared null"));
        assertThat(timerRows(tenantB)).isZero();
        assertThat(fired(tenantB)).isEmpty();
        assertThat(timerEvents(tenantB)).isEmpty();
    }

    @Test
    void timerOfAFeatureTheTenantSwitchedOff_isDoneWithoutACall() {
        String tenant = timerTenant("off");
        command(tenant, "schedule while-off 1500");
        await().atMost(WAIT).until(() -> timerRows(tenant) == 1);

        enableFeature(tenant, TimerCommandsFeature.ID, false);

        await().atMost(WAIT).untilAsserted(() -> assertThat(timerEvents(tenant)).singleElement()
                .satisfies(event -> assertThat(event.get("status").asText()).isEqualTo("done")));
        assertThat(fired(tenant)).isEmpty();
    }

    private JsonNode latestEvent(String tenant) {
        return get("/api/v1/tenants/" + tenant + "/events").json().get(0);
    }

    private long timerRows(String tenant) {
        return jdbc.sql("SELECT count(*) FROM feature_timer WHERE tenant_id = :tenant").param("tenant", tenant)
                .query(Long.class).single();
    }
}
