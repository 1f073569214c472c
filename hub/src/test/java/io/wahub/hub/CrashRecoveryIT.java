package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.sdk.Hmac;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: the packaged hub, on its zero-setup default (embedded PostgreSQL in its data folder),
 * acknowledges a signed Shopify webhook, is killed with SIGKILL before it sends anything, and on restart delivers
 * the message.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_crash_test_secret";
    private static final String KEYS = "--wahub.secrets.keys=it:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String OPERATOR_KEY = "whk_live_CrashTestOperatorKey0123456789abcdef";
    private static final String OPERATOR = "--wahub.operator.api-key=" + OPERATOR_KEY;
    /** The fake WhatsApp API is on http://localhost: allowed explicitly (the default refuses it). */
    private static final String[] OUTBOUND = {"--wahub.outbound.allowed-hosts=localhost",
            "--wahub.outbound.http-hosts=localhost"};
    private static final String MESSAGES_PATH = "/v23.0/555000111/messages";

    @TempDir
    Path work;

    private final WireMockServer whatsApp = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void fakeWhatsApp() {
        whatsApp.start();
        whatsApp.stubFor(WireMock.post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messages\":[{\"id\":\"wamid.after-restart\"}]}")));
    }

    @AfterEach
    void stop() {
        whatsApp.stop();
    }

    @Test
    void hubKilledAfterAcknowledgingBeforeSending_deliversTheMessageAfterRestart() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        int port = freePort();
        byte[] order = Files.readAllBytes(Path.of(getClass().getResource("/shopify/orders-create.json").toURI()));

        // Given an ingest-only hub (processing off) with a configured shop
        try (HubProcess first = HubProcess.start(data, port, Map.of(), KEYS, OPERATOR, OUTBOUND[0], OUTBOUND[1],
                "--wahub.dispatch.enabled=false")) {
            configureShop(port);
            // When a signed order is acknowledged …
            HttpResponse<String> ack = postOrder(port, order);
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(202);
            // … and the hub dies at once, the hard way
            first.kill();
        }
        assertThat(whatsApp.getAllServeEvents()).isEmpty();

        // Then a restarted hub on the same data sends the order confirmation
        try (HubProcess second = HubProcess.start(data, port, Map.of(), KEYS, OPERATOR, OUTBOUND[0], OUTBOUND[1],
                "--wahub.recovery.period-ms=200")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    whatsApp.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode message = api(port, "GET", "/api/v1/tenants/crash-shop/messages", null).get(0);
                assertThat(message.get("status").asText()).isEqualTo("sent");
                assertThat(message.get("providerMessageId").asText()).isEqualTo("wamid.after-restart");
            });
            assertThat(second.output()).contains("Stopping orphaned embedded PostgreSQL");
        }
    }

    private void configureShop(int port) throws Exception {
        api(port, "POST", "/api/v1/tenants", "{\"id\":\"crash-shop\",\"name\":\"Crash Shop\"}");
        api(port, "PUT", "/api/v1/tenants/crash-shop/connectors/shopify", """
                {"settings":{"webhookSecret":"%s","shopDomain":"crash-shop.myshopify.com","defaultCountry":"DE"}}"""
                .formatted(SECRET));
        api(port, "PUT", "/api/v1/tenants/crash-shop/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"555000111","accessToken":"EAAG-crash","baseUrl":"%s"}}"""
                .formatted(whatsApp.baseUrl()));
        api(port, "PATCH", "/api/v1/tenants/crash-shop", "{\"channel\":\"whatsapp-cloud\"}");
        api(port, "PUT", "/api/v1/tenants/crash-shop/features/packing-list", "{\"enabled\":true}");
    }

    private HttpResponse<String> postOrder(int port, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/crash-shop/shopify"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", "crash-shop.myshopify.com")
                .header("X-Shopify-Event-Id", "crash-event-1")
                .header("X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.sha256(SECRET, body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(int port, String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
