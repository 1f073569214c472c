package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.hub.testplugin.ChatReplyFeature;
import io.wahub.hub.testplugin.TestPluginJar;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A tenant whose chat model is slow slows only itself: its feature's call is made with no database transaction
 * open, and the other tenants' events are dispatched meanwhile. The feature is a real plugin jar of the tests
 * ({@link ChatReplyFeature}: one chat call per order, then one message), the chat model the openai-compatible
 * plugin talking to WireMock, which answers after {@link #LLM_DELAY}.
 */
class SlowTenantIsolationTest extends HubIntegrationTest {

    private static final Duration LLM_DELAY = Duration.ofSeconds(10);
    /** Longer than the chat model's usual delay, shorter than the slowest one below. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(12);
    private static final String REPLY = "Your order #1001 is confirmed.";
    private static final String SECRET = "shpss_isolation";
    private static final AtomicLong ORDER_IDS = new AtomicLong(820982911946200000L);

    static WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    JdbcClient jdbc;

    /**
     * The hub of these tests has a plugin the others' lack, so it gets a database of its own (an embedded server):
     * sharing one, the other test classes' hubs, still running, would take this one's events when they are due
     * again (given back, or retried), and process them without the chat-reply feature.
     */
    @DynamicPropertySource
    static void chatReplyPlugin(DynamicPropertyRegistry registry) {
        registry.add("wahub.plugins.dir", () -> TestPluginJar.chatReplyPluginDir().toString());
        registry.add("wahub.features.call-timeout", () -> CALL_TIMEOUT.toSeconds() + "s");
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    @BeforeAll
    static void start() {
        llm.start();
    }

    @AfterAll
    static void stop() {
        llm.stop();
    }

    @Test
    void runsOnADatabaseOfItsOwn_soNoOtherTestHubTakesItsEvents(@Autowired javax.sql.DataSource dataSource) {
        assertThat(((com.zaxxer.hikari.HikariDataSource) dataSource).getPoolName()).isEqualTo("wahub-embedded");
    }

    @Test
    void slowChatModelOfOneTenant_doesNotDelayAnotherTenantsOrders_andItsOwnRepliesFollow() {
        String slow = slowTenant();
        String fast = uniqueTenantId("fast");
        createShop(fast, SECRET, fast + ".myshopify.com");
        enableFeature(fast, "packing-list", true);

        // one slow order after the other, so that each ties up a dispatch batch (there are two at once)
        postOrder(slow, "slow-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> chatCalls(slow) == 1);
        postOrder(slow, "slow-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> chatCalls(slow) == 2);
        long posted = System.nanoTime();
        postOrder(fast, "fast-1");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + fast + "/messages").json().findValuesAsText("status"))
                .containsExactly("sent"));
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(LLM_DELAY.dividedBy(2));
        assertThat(get("/api/v1/tenants/" + slow + "/messages").json()).as("the slow tenant's messages").isEmpty();
        await().atMost(LLM_DELAY.multipliedBy(3)).untilAsserted(() -> {
            var messages = get("/api/v1/tenants/" + slow + "/messages").json();
            assertThat(messages.findValuesAsText("status")).containsExactly("sent", "sent");
            assertThat(messages.findValuesAsText("text")).containsExactly(REPLY, REPLY);
        });
        assertThat(get("/api/v1/tenants/" + slow + "/events").json().findValuesAsText("status"))
                .containsExactly("done", "done");
    }

    @Test
    void whileAFeatureWaitsForItsChatModel_noDatabaseTransactionIsOpen() {
        String slow = slowTenant();

        postOrder(slow, "slow-tx");
        await().atMost(Duration.ofSeconds(10)).until(() -> chatCalls(slow) == 1);

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                openTransactionsOlderThanASecond()).as("transactions open for more than a second").isEmpty());
        await().atMost(LLM_DELAY.multipliedBy(3)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + slow + "/messages").json().findValuesAsText("text"))
                .containsExactly(REPLY));
    }

    @Test
    void tenantWithTwoBatchesFinishingInTheBackground_getsItsNextEventGivenBack_andProcessedWhenThoseAreDone() {
        String slow = slowTenant();
        postOrder(slow, "bound-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> chatCalls(slow) == 1);
        postOrder(slow, "bound-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> chatCalls(slow) == 2);
        // the second batch's wait (wahub.dispatch.batch-wait, 1 s) is over: both groups are in the background
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

        postOrder(slow, "bound-3");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(chatCalls(slow)).as("chat calls while two batches are in the background").isEqualTo(2);
            assertThat(latestEvent(slow).get("status").asText()).isEqualTo("pending");
        });
        assertThat(latestEvent(slow).get("attempts").asInt()).as("attempts of an event given back").isZero();
        await().atMost(LLM_DELAY.multipliedBy(4)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + slow + "/messages").json().findValuesAsText("status"))
                .containsExactly("sent", "sent", "sent"));
        assertThat(chatCalls(slow)).isEqualTo(3);
        assertThat(get("/api/v1/tenants/" + slow + "/events").json().findValuesAsText("status"))
                .containsExactly("done", "done", "done");
    }

    @Test
    void chatCallOutlastingTheCallTimeout_failsItsEventAsATimeout_beforeTheConnectorGivesUp() {
        String stuck = slowTenant(Duration.ofSeconds(40));

        postOrder(stuck, "stuck-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> chatCalls(stuck) == 1);
        long called = System.nanoTime();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                latestEvent(stuck).path("lastError").asText()).isNotEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - called)).isLessThan(Duration.ofSeconds(30));
        JsonNode event = latestEvent(stuck);
        assertThat(event.get("status").asText()).isEqualTo("pending");
        assertThat(event.get("attempts").asInt()).isEqualTo(1);
        assertThat(event.get("lastError").asText()).isEqualTo("java.lang.IllegalStateException: timeout: The chat"
                + " model did not answer within 12 s (wahub.features.call-timeout)");
        assertThat(get("/api/v1/tenants/" + stuck + "/messages").json()).isEmpty();
    }

    /** The tenant's event received last. */
    private JsonNode latestEvent(String tenant) {
        return get("/api/v1/tenants/" + tenant + "/events").json().get(0);
    }

    private String slowTenant() {
        return slowTenant(LLM_DELAY);
    }

    /**
     * A Pro tenant (any feature) with the chat-reply feature and a chat model that answers after {@code delay}
     * (the openai-compatible connector's own timeout is 45 s, without retries).
     */
    private String slowTenant(Duration delay) {
        String tenant = uniqueTenantId("slow");
        createShop(tenant, SECRET, tenant + ".myshopify.com");
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}").status()).isEqualTo(200);
        llm.stubFor(WireMock.post(urlEqualTo("/" + tenant + "/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"m",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""".formatted(REPLY))
                .withFixedDelay((int) delay.toMillis())));
        configureConnector(tenant, "openai-compatible", """
                {"baseUrl":"%s/%s/v1","model":"m","timeoutSeconds":45,"maxRetries":0}"""
                .formatted(llm.baseUrl(), tenant));
        enableFeature(tenant, ChatReplyFeature.ID, true);
        customerWroteIn(tenant, "+4915112345678"); // the replies are texts: inside the customer-service window
        return tenant;
    }

    /** Posts an order of its own (its own order id and event id). */
    private void postOrder(String tenant, String eventId) {
        String order = shopifyOrder().replace("\"id\": 820982911946154508",
                "\"id\": " + ORDER_IDS.incrementAndGet());
        Response ack = postShopify(tenant, "orders/create", eventId, bytes(order), SECRET,
                tenant + ".myshopify.com");
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
    }

    private int chatCalls(String tenant) {
        return llm.countRequestsMatching(postRequestedFor(urlEqualTo("/" + tenant + "/v1/chat/completions"))
                .build()).getCount();
    }

    /**
     * Connections to this database (the hub's pool) idle inside a transaction that began more than a second ago:
     * waiting for something else than the database while holding a transaction open.
     */
    private List<String> openTransactionsOlderThanASecond() {
        return jdbc.sql("""
                        SELECT state || ' since ' || xact_start || ', last statement: ' || query
                        FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                          AND backend_type = 'client backend' AND state LIKE 'idle in transaction%'
                          AND xact_start < now() - interval '1 second'
                        """)
                .query(String.class).list();
    }
}
