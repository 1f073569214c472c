package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A webhook WooCommerce never delivered is found by the catch-up poll; the late webhook is then a duplicate. */
class WooCommerceCatchUpTest extends HubIntegrationTest {

    static WireMockServer store = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void start() {
        store.start();
    }

    @AfterAll
    static void stop() {
        store.stop();
    }

    @Test
    void missedOrderWebhook_isCaughtUp_sendsOnePackingList_andTheLateWebhookIsADuplicate() throws Exception {
        String tenant = uniqueTenantId("woo-catchup");
        String secret = "wc_catchup_secret";
        DateTimeFormatter gmt = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
        String recent = gmt.format(Instant.now().minusSeconds(60));
        String order = new String(WooCommerceWebhookTest.order(), StandardCharsets.UTF_8)
                .replace("2026-05-24T08:14:02", recent).replace("2026-05-24T08:12:44", recent);
        store.stubFor(WireMock.get(urlPathEqualTo("/wp-json/wc/v3/orders")).willReturn(okJson("[" + order + "]")));
        createTenant(tenant);
        enableFeature(tenant, "packing-list", true);
        configureConnector(tenant, "woocommerce", """
                {"webhookSecret":"%s","storeUrl":"%s/","defaultCountry":"DE","consumerKey":"ck_1","consumerSecret":"cs_1"}"""
                .formatted(secret, store.baseUrl()));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(types(tenant)).containsExactlyInAnyOrder("order.created", "order.updated", "order.paid");
            assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).hasSize(1);
        });
        store.verify(WireMock.moreThanOrExactly(1), getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders")));

        byte[] body = order.getBytes(StandardCharsets.UTF_8);
        Response late = postWebhook("/webhooks/" + tenant + "/woocommerce", Map.of("Content-Type", "application/json",
                "X-WC-Webhook-Source", store.baseUrl() + "/", "X-WC-Webhook-Topic", "order.created",
                "X-WC-Webhook-Signature", Hmac.base64(Hmac.sha256(secret, body))), body);

        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(late.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).hasSize(1);
    }

    private List<String> types(String tenant) {
        List<String> types = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/events").json().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
