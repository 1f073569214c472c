package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.routes.MessageDelivery;
import io.wahub.routes.Ref;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A delivery outcome is recorded the moment its send returns, not when the slowest send of its batch does: a crash
 * can then repeat only the sends in flight, not a whole batch of messages already sent. An outcome the database
 * refuses for a while is written once it accepts, rather than left for the lease to expire and the message to be
 * sent again.
 */
class DeliveryOutcomeTest extends HubIntegrationTest {

    private static final String SLOW_RECIPIENT = "+4915100000009";
    /** How the WhatsApp API's request names that recipient. */
    private static final String SLOW_TO = "\"to\":\"4915100000009\"";
    /**
     * The longest the gateway holds that send: within the channel's 10 s request timeout, so that, held or not, the
     * send succeeds.
     */
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(8);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageDelivery delivery;

    private final CountDownLatch slowSendMayAnswer = new CountDownLatch(1);
    private FakeWhatsAppApi whatsApp;
    private String tenant;

    @BeforeEach
    void tenantSendingThroughAGatewayThatHoldsOneRecipient() throws Exception {
        whatsApp = new FakeWhatsAppApi(send -> {
            if (send.body.contains(SLOW_TO)) {
                slowSendMayAnswer.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        tenant = uniqueTenantId("outcomes");
        createTenant(tenant);
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-outcomes","baseUrl":"%s","messagesPerSecond":1000}"""
                .formatted(uniquePhoneNumberId(), whatsApp.baseUrl()));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    @AfterEach
    void stopGateway() {
        slowSendMayAnswer.countDown();
        whatsApp.close();
    }

    @Test
    void sentMessagesAreRecordedAtOnce_whileASlowerSendOfTheirBatchIsStillInFlight() throws Exception {
        // Given three queued messages, one to a recipient whose send the gateway holds
        UUID fast1 = queued("+4915100000001");
        UUID fast2 = queued("+4915100000002");
        UUID slow = queued(SLOW_RECIPIENT);

        // When the three are delivered as one batch
        CompletableFuture<List<MessageDelivery.Deferred>> batch = CompletableFuture.supplyAsync(() ->
                delivery.deliver(List.of(ref(fast1), ref(fast2), ref(slow))));

        // Then the two answered sends are recorded as sent while the third is still being sent
        await().atMost(LONGEST_HOLD.minusSeconds(2)).untilAsserted(() -> {
            assertThat(message(fast1).get("status").asText()).isEqualTo("sent");
            assertThat(message(fast2).get("status").asText()).isEqualTo("sent");
        });
        assertThat(whatsApp.unanswered()).isEqualTo(1);
        JsonNode inFlight = message(slow);
        assertThat(inFlight.get("status").asText()).isEqualTo("sending");
        assertThat(inFlight.get("attempts").asInt()).isEqualTo(1);
        assertThat(batch).isNotDone();
        assertThat(List.of(message(fast1).get("providerMessageId").asText(),
                message(fast2).get("providerMessageId").asText()))
                .containsExactlyInAnyOrderElementsOf(whatsApp.sends().stream()
                        .filter(send -> !send.body.contains(SLOW_TO)).map(FakeWhatsAppApi.Send::wamid)
                        .toList());

        // And once the gateway answers the third, the batch is done with all three sent
        slowSendMayAnswer.countDown();
        assertThat(batch.get(30, TimeUnit.SECONDS)).isEmpty();
        JsonNode sent = message(slow);
        assertThat(sent.get("status").asText()).isEqualTo("sent");
        assertThat(sent.get("providerMessageId").asText()).isEqualTo(whatsApp.sends().stream()
                .filter(send -> send.body.contains(SLOW_TO)).findFirst().orElseThrow().wamid());
        assertThat(whatsApp.sends()).hasSize(3);
    }

    @Test
    void outcomeTheDatabaseRefusesForAWhile_isRecordedOnceItAccepts_withoutSendingTheMessageAgain() throws Exception {
        // Given a database that refuses the tenant's status history for now (a trigger raising an error, counting
        // its refusals in a sequence, which no rollback undoes)
        String refusals = "outcome_refusals_" + tenant.replace('-', '_');
        jdbc.sql("CREATE SEQUENCE " + refusals).update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.tenant_id = '%s' THEN
                        PERFORM nextval('%s');
                        RAISE EXCEPTION 'outcome refused for the test';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(tenant, refusals)).update();
        jdbc.sql("CREATE TRIGGER refuse_outcomes BEFORE INSERT ON message_status FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_outcomes()").update();
        try {
            // When a message is sent and its outcome cannot be written at first
            UUID id = queued("+4915100000003");
            CompletableFuture<List<MessageDelivery.Deferred>> batch = CompletableFuture.supplyAsync(() ->
                    delivery.deliver(List.of(ref(id))));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + refusals)
                    .query(Long.class).single() >= 2);
            assertThat(message(id).get("status").asText()).isEqualTo("sending");
            jdbc.sql("DROP TRIGGER refuse_outcomes ON message_status").update();

            // Then it is recorded as sent once the database accepts it, and the gateway got it once
            assertThat(batch.get(30, TimeUnit.SECONDS)).isEmpty();
            JsonNode sent = message(id);
            assertThat(sent.get("status").asText()).isEqualTo("sent");
            assertThat(sent.get("attempts").asInt()).isEqualTo(1);
            assertThat(whatsApp.sends()).hasSize(1);
            assertThat(sent.get("providerMessageId").asText()).isEqualTo(whatsApp.sends().getFirst().wamid());
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS refuse_outcomes ON message_status").update();
            jdbc.sql("DROP SEQUENCE " + refusals).update();
        }
    }

    /**
     * A queued message that only an explicit delivery takes: never attempted (so a claim takes it at once), but due
     * in an hour, so the recovery sweep leaves it alone.
     */
    private UUID queued(String recipient) {
        customerWroteIn(tenant, recipient); // a text goes only inside the customer-service window
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO message (tenant_id, id, channel, recipient, category, content, idempotency_key,
                                             status, next_attempt_at, created_at, updated_at)
                        VALUES (:tenant, :id, 'whatsapp-cloud', :to, 'UTILITY', '{"text":"Your order shipped"}',
                                :key, 'queued', now() + interval '1 hour', now(), now())
                        """)
                .param("tenant", tenant).param("id", id).param("to", recipient).param("key", "test-" + id)
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
