package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.routes.MessageDelivery;
import io.wahub.routes.Ref;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A queued message that can never be sent as stored (a poison message: its recipient is not an E.164 number, or its
 * content makes no message) does not fail the claim of its whole batch: it ends {@code suppressed} with its reason,
 * and the rest of the batch is delivered. Such rows are written straight into the outbox here, as an older version
 * or a hand-made fix could have left them: every path that stores a message refuses them
 * ({@code OutboundMessage} does not accept a recipient that is not E.164).
 */
class PoisonMessageTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageDelivery delivery;

    private FakeWhatsAppApi whatsApp;
    private String tenant;

    @BeforeEach
    void tenantSendingThroughWhatsAppCloud() throws Exception {
        whatsApp = new FakeWhatsAppApi(send -> {
        });
        tenant = uniqueTenantId("poison");
        createTenant(tenant);
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-poison","baseUrl":"%s","messagesPerSecond":1000}"""
                .formatted(uniquePhoneNumberId(), whatsApp.baseUrl()));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    @AfterEach
    void stopGateway() {
        whatsApp.close();
    }

    @Test
    void batchWithARecipientThatIsNotE164_suppressesThatMessageAsInvalidRecipient_andSendsTheOthers() {
        // Given a batch of three queued messages, the middle one to a national number without its country prefix
        UUID first = queued("+4915100000001", TEXT);
        UUID poison = queued("0151 2345678", TEXT);
        UUID last = queued("+4915100000002", TEXT);

        // When the batch is delivered
        List<MessageDelivery.Deferred> deferred = delivery.deliver(List.of(ref(first), ref(poison), ref(last)));

        // Then the two others reached WhatsApp and are sent
        assertThat(deferred).isEmpty();
        assertThat(whatsApp.sends()).hasSize(2);
        assertThat(message(first).get("status").asText()).isEqualTo("sent");
        assertThat(message(last).get("status").asText()).isEqualTo("sent");
        // And the poison message is suppressed, saying why, and never attempted again
        JsonNode suppressed = message(poison);
        assertThat(suppressed.get("status").asText()).isEqualTo("suppressed");
        assertThat(suppressed.get("reasonCode").asText()).isEqualTo("invalid-recipient");
        assertThat(suppressed.get("lastError").asText()).isEqualTo("The recipient '0151 2345678' is not a phone"
                + " number in E.164 form (+ and 7 to 15 digits), so the message cannot be sent.");
        assertThat(suppressed.has("nextAttemptAt")).isFalse();
        assertThat(get("/api/v1/tenants/" + tenant + "/messages/" + poison).json().get("history")
                .findValuesAsText("status")).containsExactly("queued", "suppressed");
    }

    @Test
    void batchWithStoredContentThatMakesNoMessage_suppressesItAsInvalidContent_andSendsTheOther() {
        // Given a queued message whose stored content has neither text, template nor interactive part
        UUID poison = queued("+4915100000003", "{}");
        UUID fine = queued("+4915100000004", TEXT);

        // When the batch is delivered
        delivery.deliver(List.of(ref(poison), ref(fine)));

        // Then the other message is sent and the poison one suppressed with its reason
        assertThat(whatsApp.sends()).hasSize(1);
        assertThat(message(fine).get("status").asText()).isEqualTo("sent");
        JsonNode suppressed = message(poison);
        assertThat(suppressed.get("status").asText()).isEqualTo("suppressed");
        assertThat(suppressed.get("reasonCode").asText()).isEqualTo("invalid-content");
        assertThat(suppressed.get("lastError").asText()).isEqualTo("The stored message does not make a message to"
                + " send (a message has exactly one of text, template or interactive), so it cannot be sent.");
    }

    private static final String TEXT = "{\"text\":\"Your order shipped\"}";

    /**
     * A queued message that only an explicit delivery takes: never attempted (so a claim takes it at once), but due
     * in an hour, so the recovery sweep leaves it alone.
     */
    private UUID queued(String recipient, String content) {
        if (recipient.startsWith("+")) {
            customerWroteIn(tenant, recipient); // a text goes only inside the customer-service window
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO message (tenant_id, id, channel, recipient, category, content, idempotency_key,
                                             status, next_attempt_at, created_at, updated_at)
                        VALUES (:tenant, :id, 'whatsapp-cloud', :to, 'UTILITY', :content::jsonb, :key, 'queued',
                                now() + interval '1 hour', now(), now())
                        """)
                .param("tenant", tenant).param("id", id).param("to", recipient).param("content", content)
                .param("key", "test-" + id)
                .update();
        return id;
    }

    private String ref(UUID id) {
        return new Ref(tenant, id).encode();
    }

    private JsonNode message(UUID id) {
        Response response = get("/api/v1/tenants/" + tenant + "/messages/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("message");
    }
}
