package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A dead message in the panel, in real headless Chromium: what the admin reads about it, and "Resend". */
class PanelMessagesBrowserTest extends DeadMessageTestBase {

    @Test
    void deadMessage_showsDeadBadge_plainError_andHistory_andResendFromThePanelSendsIt() {
        String id = deadMessage();
        whatsAppAccepts();

        PanelBrowser.Report report = PanelBrowser.run("dead-message", port, OPERATOR_EMAIL, OPERATOR_PASSWORD,
                tenant);

        assertThat(report.facts().path("badge").asText()).isEqualTo("dead");
        assertThat(report.facts().path("error").asText()).isEqualTo("WhatsApp could not deliver it: the number may "
                + "not use WhatsApp, or has not accepted the latest terms.");
        assertThat(report.facts().path("timeline").path(0).asText()).startsWith("queued");
        assertThat(report.facts().path("timeline").path(1).asText()).startsWith("dead")
                .contains("WhatsApp could not deliver it");
        assertThat(report.facts().path("notice").asText()).isEqualTo("Resent: the message is queued again.");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("/api/v1/tenants/" + tenant
                + "/messages/" + id).json().path("message").path("status").asText()).isEqualTo("sent"));
        assertThat(report.errors()).isEmpty();
    }
}
