package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An Evolution gateway as the tenant's channel: packing list sent through it, its webhooks received and applied. */
class EvolutionGatewayTest extends HubIntegrationTest {

    static WireMockServer gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final String KEY = "B6D711FCDE4D4FD5936544120E713976";

    @BeforeAll
    static void start() {
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    @Test
    void sendsThroughTheGateway_receivesInbound_andAppliesItsReadStatus() {
        String tenant = uniqueTenantId("evo");
        String instance = "inst-" + tenant;
        String keyId = "BAE5" + Long.toHexString(System.nanoTime()).toUpperCase();
        gateway.stubFor(WireMock.post(urlEqualTo("/message/sendText/" + instance)).willReturn(okJson("""
                {"key":{"remoteJid":"4915112345678@s.whatsapp.net","fromMe":true,"id":"%s"},"status":"PENDING"}"""
                .formatted(keyId))));
        createShop(tenant, "shpss_evo", tenant + ".myshopify.com");
        configureConnector(tenant, "evolution", """
                {"baseUrl":"%s","instance":"%s","apiKey":"%s"}""".formatted(gateway.baseUrl(), instance, KEY));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"evolution\"}").status()).isEqualTo(200);
        enableFeature(tenant, "packing-list", true);

        postShopify(tenant, "orders/create", "evt-evo-1", shopifyOrder().getBytes(StandardCharsets.UTF_8),
                "shpss_evo", tenant + ".myshopify.com");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> gateway.verify(1,
                postRequestedFor(urlEqualTo("/message/sendText/" + instance)).withHeader("apikey", equalTo(KEY))));

        Response inbound = postEvolution(tenant, """
                {"event":"messages.upsert","instance":"%s","data":{"key":{"remoteJid":"4915112345678@s.whatsapp.net",
                 "fromMe":false,"id":"3EB0C431C26A1916E07D"},"pushName":"Jon","message":{"conversation":"Thanks!"},
                 "messageType":"conversation","messageTimestamp":1779609590},"apikey":"%s"}""".formatted(instance, KEY));
        Response status = postEvolution(tenant, """
                {"event":"messages.update","instance":"%s","data":{"keyId":"%s","remoteJid":"4915112345678@s.whatsapp.net",
                 "fromMe":true,"status":"READ"},"apikey":"%s"}""".formatted(instance, keyId, KEY));
        Response forged = postWebhook("/webhooks/" + tenant + "/evolution",
                Map.of("Content-Type", "application/json", "apikey", "guess"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(inbound.status()).as(inbound.body()).isEqualTo(202);
        assertThat(status.status()).as(status.body()).isEqualTo(202);
        assertRejectedWith(forged, 401, "bad-signature");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/messages").json().path(0).path("status").asText())
                .isEqualTo("read"));
    }

    private Response postEvolution(String tenant, String json) {
        return postWebhook("/webhooks/" + tenant + "/evolution", Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
