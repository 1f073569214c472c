package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/tenants/{tenant}/messages/{id}/resend}: a dead message goes out again, audited. */
class MessageResendTest extends DeadMessageTestBase {

    @Test
    void deadMessageResent_isSentAgain_withTheResendInItsHistory_andTheAuditLog() {
        String id = deadMessage();
        whatsAppAccepts();

        Response resent = post("/api/v1/tenants/" + tenant + "/messages/" + id + "/resend", null);

        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        assertThat(resent.json().path("status").asText()).isEqualTo("queued");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var message = get("/api/v1/tenants/" + tenant + "/messages/" + id).json();
            assertThat(message.path("message").path("status").asText()).isEqualTo("sent");
            assertThat(message.path("message").path("providerMessageId").asText()).isEqualTo("wamid.resent");
            assertThat(message.path("history").findValuesAsText("status"))
                    .containsExactly("queued", "dead", "queued", "sent");
            assertThat(message.path("history").path(2).path("detail").asText()).startsWith("resent by ");
        });
        var audit = get("/api/v1/tenants/" + tenant + "/audit").json();
        assertThat(audit.findValuesAsText("action")).contains("message.resent");
    }

    @Test
    void messageThatIsNotDead_isNotResent_409() {
        String id = deadMessage();
        whatsAppAccepts();
        post("/api/v1/tenants/" + tenant + "/messages/" + id + "/resend", null);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("/api/v1/tenants/" + tenant
                + "/messages/" + id).json().path("message").path("status").asText()).isEqualTo("sent"));

        Response again = post("/api/v1/tenants/" + tenant + "/messages/" + id + "/resend", null);

        expectProblem(again, 409, "message-not-dead");
        assertThat(again.json().path("detail").asText())
                .isEqualTo("Only a dead message can be resent; message " + id + " is sent.");
    }

    @Test
    void otherTenantsKey_cannotResendTheMessage_404AndItStaysDead() {
        String id = deadMessage();
        String other = uniqueTenantId("other");
        createTenant(other);

        Response foreign = callAs(adminKey(other), "POST", "/api/v1/tenants/" + other + "/messages/" + id
                + "/resend", null);

        expectProblem(foreign, 404, "message-not-found");
        assertThat(get("/api/v1/tenants/" + tenant + "/messages/" + id).json().path("message").path("status")
                .asText()).isEqualTo("dead");
    }
}
