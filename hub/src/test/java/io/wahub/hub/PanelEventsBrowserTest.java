package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A dead event in the panel's events page, in real headless Chromium: filtered, its payload opened, replayed. */
class PanelEventsBrowserTest extends FeatureTimerTestBase {

    @Test
    void deadEvent_foundByTheStatusFilter_showsItsPayload_andReplayHandsItToTheFeatureAgain() {
        String tenant = timerTenant("pevents");
        command(tenant, "fail");
        String events = "/api/v1/tenants/" + tenant + "/events";
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(get(events).json().path(0)
                .path("status").asText()).isEqualTo("dead"));

        PanelBrowser.Report report = PanelBrowser.run("events", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        assertThat(report.facts().path("rows").asInt()).isEqualTo(1);
        assertThat(report.facts().path("badge").asText()).isEqualTo("dead");
        assertThat(report.facts().path("payload").asText()).contains("fail");
        assertThat(report.facts().path("notice").asText())
                .isEqualTo("Replayed: the event is handed to the features again.");
        assertThat(get("/api/v1/tenants/" + tenant + "/audit").json().findValuesAsText("action"))
                .contains("event.replayed");
        assertThat(report.errors()).isEmpty();
    }
}
