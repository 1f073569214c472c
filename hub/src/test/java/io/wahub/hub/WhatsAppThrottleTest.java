package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub never sends faster than the number's configured messages per second; excess waits, nothing is lost. The
 * budget is the shared one in PostgreSQL (the default), so several delivery nodes would respect it together.
 */
class WhatsAppThrottleTest extends HubIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void start() {
        graph.start();
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    void threeOrdersAtOneMessagePerSecond_areSentOneSecondApart_noneLostNoneDead() {
        String tenant = uniqueTenantId("throttle");
        String secret = "shpss_throttle";
        String numberId = uniquePhoneNumberId();
        String path = "/v23.0/" + numberId + "/messages";
        graph.stubFor(WireMock.post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messages\":[{\"id\":\"wamid.T\"}]}")));
        createShop(tenant, secret, tenant + ".myshopify.com");
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-t","baseUrl":"%s","messagesPerSecond":1}"""
                .formatted(numberId, graph.baseUrl()));
        enableFeature(tenant, "packing-list", true); // on the sandbox: its shipped template is approved at once
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);

        for (int i = 1; i <= 3; i++) {
            postShopify(tenant, "orders/create", "evt-throttle-" + i,
                    shopifyOrder(900_000_000_000L + i).getBytes(StandardCharsets.UTF_8), secret,
                    tenant + ".myshopify.com");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                graph.verify(3, postRequestedFor(urlEqualTo(path))));
        List<LoggedRequest> sends = graph.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        long spanMillis = sends.get(2).getLoggedDate().getTime() - sends.get(0).getLoggedDate().getTime();
        assertThat(spanMillis).as("three sends at 1/s span at least ~2 s").isGreaterThanOrEqualTo(1800);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get("/api/v1/tenants/" + tenant + "/messages")
                .json().forEach(m -> assertThat(m.get("status").asText()).isEqualTo("sent")));
        assertThat(jdbc.sql("SELECT count(*) FROM send_rate_bucket WHERE id = :id")
                .param("id", "whatsapp-cloud:" + numberId + ":1").query(Long.class).single()).isEqualTo(1);
    }
}
