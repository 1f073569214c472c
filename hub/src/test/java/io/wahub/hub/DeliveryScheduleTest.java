package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When a message's next attempt happens: a channel's Retry-After counts but never beyond
 * {@code wahub.delivery.max-backoff} (10 minutes here), and a message a dead node left {@code sending} is taken
 * again once that node's lease expires, not before.
 */
class DeliveryScheduleTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_schedule";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    JdbcClient jdbc;

    private final String numberId = uniquePhoneNumberId();
    private final String path = "/v23.0/" + numberId + "/messages";
    private String tenant;

    @BeforeAll
    static void start() {
        graph.start();
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void shopSendingThroughWhatsApp() {
        tenant = uniqueTenantId("schedule");
        createShop(tenant, SECRET, tenant + ".myshopify.com");
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-schedule","baseUrl":"%s"}"""
                .formatted(numberId, graph.baseUrl()));
        enableFeature(tenant, "packing-list", true); // on the sandbox: its shipped template is approved at once
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    @Test
    void channelAsksToRetryAfterADay_nextAttemptIsAtMaxBackoff() {
        // Given a WhatsApp API that refuses with 429 and Retry-After: one day
        graph.stubFor(WireMock.post(urlEqualTo(path)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "86400").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"slow down\"}}")));

        // When an order's packing list is sent
        Response ack = postShopify(tenant, "orders/create", "evt-" + tenant, shopifyOrder()
                .getBytes(StandardCharsets.UTF_8), SECRET, tenant + ".myshopify.com");
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);

        // Then the message waits for its next attempt max-backoff after the refusal, not a day
        JsonNode message = await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode list = get("/api/v1/tenants/" + tenant + "/messages").json();
            return list.isEmpty() ? null : list.get(0);
        }, m -> m != null && m.get("attempts").asInt() == 1 && m.get("status").asText().equals("queued"));
        assertThat(message.get("lastError").asText()).startsWith("http-429: ");
        Instant refusedAt = Instant.parse(message.get("updatedAt").asText());
        assertThat(Instant.parse(message.get("nextAttemptAt").asText())).isEqualTo(refusedAt.plus(MAX_BACKOFF));
        graph.verify(1, postRequestedFor(urlEqualTo(path)));
    }

    @Test
    void messageLeftSendingByADeadNode_isSentAgainOnceItsLeaseExpires_notBefore() {
        // Given a WhatsApp API that accepts, and two messages a node claimed before it died: one lease expiring in
        // two seconds, one in an hour
        graph.stubFor(WireMock.post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messages\":[{\"id\":\"wamid.reclaimed\"}]}")));
        UUID expiring = claimedByADeadNode("+4915100000011", "2 seconds");
        UUID held = claimedByADeadNode("+4915100000012", "1 hour");
        Instant leaseExpiry = jdbc.sql("SELECT next_attempt_at FROM message WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", expiring).query(java.sql.Timestamp.class).single().toInstant();

        // When the recovery sweep runs (every 200 ms here), then the first message is sent, after its lease expired
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(message(expiring).get("status").asText()).isEqualTo("sent"));
        List<LoggedRequest> sends = graph.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(sends).hasSize(1);
        assertThat(sends.getFirst().getBodyAsString()).contains("\"to\":\"4915100000011\"");
        assertThat(sends.getFirst().getLoggedDate().toInstant())
                .isAfterOrEqualTo(leaseExpiry.truncatedTo(ChronoUnit.MILLIS));
        JsonNode sent = message(expiring);
        assertThat(sent.get("attempts").asInt()).isEqualTo(2);
        assertThat(sent.get("providerMessageId").asText()).isEqualTo("wamid.reclaimed");

        // And the message whose lease holds is left to its node
        JsonNode leased = message(held);
        assertThat(leased.get("status").asText()).isEqualTo("sending");
        assertThat(leased.get("attempts").asInt()).isEqualTo(1);
        graph.verify(0, postRequestedFor(urlEqualTo(path)).withRequestBody(containing("4915100000012")));
    }

    /** A message in {@code sending} after one attempt, leased until {@code now() + lease}. */
    private UUID claimedByADeadNode(String recipient, String lease) {
        customerWroteIn(tenant, recipient); // a text goes only inside the customer-service window
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO message (tenant_id, id, channel, recipient, category, content, idempotency_key,
                                             status, attempts, next_attempt_at, created_at, updated_at)
                        VALUES (:tenant, :id, 'whatsapp-cloud', :to, 'UTILITY', '{"text":"Your order shipped"}',
                                :key, 'sending', 1, now() + CAST(:lease AS interval), now(), now())
                        """)
                .param("tenant", tenant).param("id", id).param("to", recipient).param("key", "test-" + id)
                .param("lease", lease).update();
        return id;
    }

    private JsonNode message(UUID id) {
        Response response = get("/api/v1/tenants/" + tenant + "/messages/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("message");
    }
}
