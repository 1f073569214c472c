package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The quota and the meter agree: a message that died was never sent, so it gives its unit of the monthly quota
 * back (usage said "1 of 100" with nothing sent); resending it takes the unit again, and once sent both count it.
 */
class QuotaCountsWhatIsSentTest extends DeadMessageTestBase {

    @Test
    void deadMessage_givesItsQuotaUnitBack_andResendingItTakesItAgain_whenSentTheMeterAgrees() {
        String id = deadMessage();

        JsonNode quota = usage().path("quota");
        assertThat(quota.path("used").asLong()).isZero();
        assertThat(quota.path("released").asLong()).isEqualTo(1);
        assertThat(usage().path("totals").path("messages.utility").asLong()).isZero();

        whatsAppAccepts();
        Response resent = post("/api/v1/tenants/" + tenant + "/messages/" + id + "/resend", null);
        assertThat(resent.status()).as(resent.body()).isIn(200, 202);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode now = usage();
            assertThat(now.path("quota").path("used").asLong()).isEqualTo(1);
            assertThat(now.path("quota").path("released").asLong()).isZero();
            assertThat(now.path("totals").path("messages.utility").asLong()).isEqualTo(1);
        });
    }

    private JsonNode usage() {
        return get("/api/v1/tenants/" + tenant + "/usage").json();
    }
}
