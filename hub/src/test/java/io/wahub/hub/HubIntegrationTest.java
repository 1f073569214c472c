package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Hmac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the hub's integration tests: the whole application on a random port, on real PostgreSQL (embedded by
 * default; the server named by {@code WAHUB_TEST_DB_URL} when set), with its real plugin jars, fast recovery and
 * back-off timings, and a small HTTP client for the API and webhooks. API calls authenticate as the platform
 * operator with the bootstrap key {@link #OPERATOR_KEY} unless a test passes another key to {@link #callAs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "wahub.recovery.period-ms=200",
        "wahub.recovery.delay-ms=200",
        "wahub.dispatch.grace=1s",
        "wahub.dispatch.concurrency=2",
        "wahub.delivery.initial-backoff=200ms",
        "wahub.delivery.max-attempts=4",
        "camel.main.shutdown-timeout=2",
        "spring.lifecycle.timeout-per-shutdown-phase=2s",
        "wahub.secrets.keys=test:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "wahub.api-keys.last-used-flush-ms=300",
        "wahub.operator.email=" + HubIntegrationTest.OPERATOR_EMAIL,
        "wahub.operator.password=" + HubIntegrationTest.OPERATOR_PASSWORD,
        "wahub.operator.api-key=" + HubIntegrationTest.OPERATOR_KEY,
        "wahub.catch-up.period-ms=300",
        "wahub.catch-up.delay-ms=300",
        "wahub.apps.whatsapp-cloud.main.app-secret=" + HubIntegrationTest.META_APP_SECRET,
        "wahub.apps.whatsapp-cloud.main.verify-token=" + HubIntegrationTest.META_VERIFY_TOKEN,
        // every test signs in from 127.0.0.1, many as the operator: limits out of the way (TrustedProxySignInTest
        // tests them), and a long wait for a hash permit so parallel sign-ins queue rather than get 503
        "wahub.sign-in.per-address-per-minute=100000",
        "wahub.sign-in.per-account-per-minute=100000",
        "wahub.sign-in.hash-wait=30s",
        "wahub.rate-limits.cleanup-ms=500",
        // tests send many orders of one customer back to back: per-recipient pacing off (PolicyGateTest tests it)
        "wahub.policy.recipient-interval=0s",
        // several application contexts live side by side in one test JVM: small pools, so they fit the server
        "spring.datasource.hikari.maximum-pool-size=12",
        "spring.datasource.hikari.minimum-idle=2",
        // WireMock stands in for every vendor on http://localhost: allowed explicitly, the default stays closed.
        // *.wahub-test.internal names resolve to 127.0.0.1 through TestHostResolver.
        "wahub.outbound.allowed-hosts=localhost,lan.wahub-test.internal",
        "wahub.outbound.http-hosts=localhost,127.0.0.1,lan.wahub-test.internal,loopback.wahub-test.internal,"
                + "rebind.wahub-test.internal",
        "wahub.routing.proof-hosts.whatsapp-cloud=graph.facebook.com,localhost"})
public abstract class HubIntegrationTest {

    protected static final String OPERATOR_EMAIL = "operator@wahub.test";
    protected static final String OPERATOR_PASSWORD = "operator-test-password-7c1e";
    protected static final String OPERATOR_KEY = "whk_live_TestOperatorBootstrapKey0123456789abcdef";

    protected static final ObjectMapper JSON = new ObjectMapper();
    /** The hub-level Meta app {@code main} (app-level WhatsApp webhook URL). */
    protected static final String META_APP_SECRET = "meta-app-secret-for-tests";
    protected static final String META_VERIFY_TOKEN = "meta-verify-token-for-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @org.springframework.beans.factory.annotation.Autowired
    protected org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("wahub.data-dir", () -> tempDir("wahub-test-"));
        String external = System.getenv("WAHUB_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            // a test class that needs a database of its own sets wahub.test.database-url (superclass registrations
            // come last and would win over a subclass's spring.datasource.url)
            registry.add("spring.datasource.url", () -> "${wahub.test.database-url:" + external + "}");
        }
    }

    private static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tenant id no other test (or earlier run against the same database) uses. */
    protected static String uniqueTenantId(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    protected static String shopifyOrder() {
        try {
            return Files.readString(Path.of(HubIntegrationTest.class.getResource("/shopify/orders-create.json")
                    .toURI()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The orders/create fixture as order {@code orderId}: Shopify webhooks are told apart by what their signature
     * covers (the order), not by their {@code X-Shopify-Event-Id}, so distinct orders need distinct ids.
     */
    protected static String shopifyOrder(long orderId) {
        return shopifyOrder().replace("\"id\": 820982911946154508", "\"id\": " + orderId);
    }

    protected record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String contentType() {
            return headers.getOrDefault("content-type", java.util.List.of("")).getFirst();
        }
    }

    protected Response call(String method, String path, String jsonBody) {
        return callAs(OPERATOR_KEY, method, path, jsonBody);
    }

    /** Calls the API with API key {@code apiKey} (null: anonymous). */
    protected Response callAs(String apiKey, String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        request.header("Content-Type", "application/json").header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request.build());
    }

    protected Response post(String path, String jsonBody) {
        return call("POST", path, jsonBody);
    }

    protected Response put(String path, String jsonBody) {
        return call("PUT", path, jsonBody);
    }

    protected Response get(String path) {
        return call("GET", path, null);
    }

    /** Posts a Shopify webhook for {@code tenant}, signed with {@code secret} (null: unsigned). */
    protected Response postShopify(String tenant, String topic, String eventId, byte[] body, String secret,
                                   String shopDomain) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/" + tenant + "/shopify"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-API-Version", "2025-07")
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Event-Id", eventId)
                .header("X-Shopify-Triggered-At", "2025-01-15T10:00:00.000Z")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header("X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.sha256(secret, body)));
        }
        return send(request.build());
    }

    protected static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a tenant with the Shopify connector configured; returns nothing, asserts success. */
    protected void createShop(String tenant, String shopifySecret, String shopDomain) {
        Response created = post("/api/v1/tenants", """
                {"id":"%s","name":"Shop %s"}""".formatted(tenant, tenant));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response configured = put("/api/v1/tenants/" + tenant + "/connectors/shopify", """
                {"settings":{"webhookSecret":"%s","shopDomain":"%s","defaultCountry":"DE"}}"""
                .formatted(shopifySecret, shopDomain));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    }

    /** Creates an API key of {@code tenant} (as the operator) from a JSON request; returns its secret. */
    protected String createKey(String tenant, String requestJson) {
        Response created = post("/api/v1/tenants/" + tenant + "/keys", requestJson);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    /** A key of {@code tenant} holding every scope. */
    protected String adminKey(String tenant) {
        return createKey(tenant, """
                {"name":"all scopes","scopes":["tenant:read","tenant:write","messages:read","usage:read","contacts:read",\
                "contacts:write","admin"]}""");
    }

    /** Asserts a problem+json answer with this status and type slug. */
    protected static void expectProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://wahub.dev/problems/" + type);
    }

    protected void enableFeature(String tenant, String feature, boolean enabled) {
        Response response = put("/api/v1/tenants/" + tenant + "/features/" + feature,
                "{\"enabled\":" + enabled + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Creates a tenant (sandbox channel); asserts success. */
    protected void createTenant(String tenant) {
        Response created = post("/api/v1/tenants", """
                {"id":"%s","name":"Shop %s"}""".formatted(tenant, tenant));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Saves a connector's settings for the tenant; asserts success. */
    protected void configureConnector(String tenant, String connector, String settingsJson) {
        Response configured = put("/api/v1/tenants/" + tenant + "/connectors/" + connector,
                "{\"settings\":" + settingsJson + "}");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    }

    /** Posts raw bytes to {@code path} with exactly these headers, as a vendor would. */
    protected Response postWebhook(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A GET as a vendor's verification handshake would send it (no JSON headers). */
    protected Response getWebhook(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build());
    }

    /** Asserts an RFC 7807 answer with this status and problem type. */
    protected static void assertRejectedWith(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://wahub.dev/problems/" + type);
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    /** A WhatsApp phone number id no other test uses (a number id routes webhooks to one tenant only). */
    protected static String uniquePhoneNumberId() {
        return Long.toString(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000_000L));
    }

    /**
     * Given: the customer {@code phone} wrote to the tenant a minute ago, so its 24-hour window is open (as an
     * inbound message would leave the contact). For tests about something else than the window: free-form messages
     * to a customer who never wrote are held back by the send policy.
     */
    protected void customerWroteIn(String tenant, String phone) {
        jdbc.sql("""
                        INSERT INTO contact (tenant_id, id, phone, source, last_inbound_at, created_at, updated_at)
                        VALUES (:tenant, gen_random_uuid(), :phone, 'whatsapp', now() - interval '1 minute', now(),
                                now())
                        ON CONFLICT (tenant_id, phone) DO UPDATE SET last_inbound_at = now() - interval '1 minute'
                        """)
                .param("tenant", tenant).param("phone", phone).update();
    }
}
