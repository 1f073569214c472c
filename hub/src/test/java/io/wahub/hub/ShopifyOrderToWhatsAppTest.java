package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: a signed Shopify orders/create webhook → ingress route → shopify plugin →
 * inbox → dispatch → packing-list plugin → outbound route → whatsapp-cloud plugin → WhatsApp Cloud API (WireMock)
 * → message status stored.
 */
class ShopifyOrderToWhatsAppTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_test_secret_4f9a";
    private static final String TOKEN = "EAAG-test-access-token";
    /** Unique per test: a phone number id routes webhooks to one tenant only. */
    private final String phoneNumberId = uniquePhoneNumberId();
    private final String messagesPath = "/v23.0/" + phoneNumberId + "/messages";
    private static final String EXPECTED_TEXT = """
            Hi Jon, thanks for your order #1001!

            2 × Blue T-Shirt (M) — 19.99 EUR
            1 × Socks — 5.00 EUR

            Total: 44.98 EUR""";

    static WireMockServer whatsApp = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    private String tenant;
    private String shopDomain;

    @BeforeAll
    static void startWhatsApp() {
        whatsApp.start();
    }

    @AfterAll
    static void stopWhatsApp() {
        whatsApp.stop();
    }

    @BeforeEach
    void shopWithWhatsAppAndPackingList() {
        whatsApp.resetAll();
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"4915112345678","wa_id":"4915112345678"}],
                         "messages":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI"}]}""")));
        tenant = uniqueTenantId("shop");
        shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
        Response channel = put("/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"%s","baseUrl":"%s"}}"""
                .formatted(phoneNumberId, TOKEN, whatsApp.baseUrl()));
        assertThat(channel.status()).as(channel.body()).isEqualTo(200);
        enableFeature(tenant, "packing-list", true); // on the sandbox: its shipped template is approved at once
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    @Test
    void signedOrderCreated_customerWhoNeverWrote_getsThePackingListAsTheUtilityTemplate() {
        Response ack = postShopify(tenant, "orders/create", "evt-1", bytes(shopifyOrder()), SECRET, shopDomain);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        assertThat(ack.json().get("status").asText()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                whatsApp.verify(1, postRequestedFor(urlEqualTo(messagesPath))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withRequestBody(equalToJson("""
                                {"messaging_product":"whatsapp","recipient_type":"individual",
                                 "to":"4915112345678","type":"template",
                                 "template":{"name":"order_packing_list","language":{"code":"en_US"},
                                  "components":[{"type":"body","parameters":[
                                   {"type":"text","parameter_name":"customer_name","text":"Jon"},
                                   {"type":"text","parameter_name":"order_number","text":"#1001"},
                                   {"type":"text","parameter_name":"items",
                                    "text":"2 × Blue T-Shirt (M) (19.99 EUR), 1 × Socks (5.00 EUR)"},
                                   {"type":"text","parameter_name":"total","text":"44.98 EUR"}]}]}}"""))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var message = get("/api/v1/tenants/" + tenant + "/messages").json().path(0);
            assertThat(message.path("status").asText()).isEqualTo("sent");
            assertThat(message.path("providerMessageId").asText()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI");
            assertThat(message.path("to").asText()).isEqualTo("+4915112345678");
            assertThat(message.path("text").asText()).isEqualTo("Hi Jon, thanks for your order #1001! We are packing:"
                    + " 2 × Blue T-Shirt (M) (19.99 EUR), 1 × Socks (5.00 EUR). Total: 44.98 EUR.");
        });
        var events = get("/api/v1/tenants/" + tenant + "/events").json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("order.created");
        assertThat(events.get(0).get("status").asText()).isEqualTo("done");
    }

    @Test
    void signedOrderCreated_customerWhoWroteToday_getsThePackingListAsText() {
        customerWroteIn(tenant, "+4915112345678");

        Response ack = postShopify(tenant, "orders/create", "evt-1", bytes(shopifyOrder()), SECRET, shopDomain);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                whatsApp.verify(1, postRequestedFor(urlEqualTo(messagesPath))
                        .withRequestBody(equalToJson("""
                                {"messaging_product":"whatsapp","recipient_type":"individual",
                                 "to":"4915112345678","type":"text",
                                 "text":{"preview_url":false,"body":%s}}"""
                                .formatted(JSON.valueToTree(EXPECTED_TEXT).toString())))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(get("/api/v1/tenants/" + tenant
                + "/messages").json().path(0).path("text").asText()).isEqualTo(EXPECTED_TEXT));
    }

    @Test
    void signedOrderPostedWithFormContentType_isStillVerifiedOverTheRawBytes() {
        byte[] body = bytes(shopifyOrder());
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/webhooks/" + tenant + "/shopify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-Event-Id", "evt-form")
                .header("X-Shopify-Hmac-Sha256", io.wahub.sdk.Hmac.base64(io.wahub.sdk.Hmac.sha256(SECRET, body)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();

        Response ack = send(request);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
    }

    @Test
    void sameEventDeliveredTwice_sendsOneMessage() {
        byte[] body = bytes(shopifyOrder());
        Response first = postShopify(tenant, "orders/create", "evt-dup", body, SECRET, shopDomain);
        Response second = postShopify(tenant, "orders/create", "evt-dup", body, SECRET, shopDomain);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("status").asText()).isEqualTo("duplicate");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(get("/api/v1/tenants/" + tenant + "/messages").json().path(0).path("status").asText())
                        .isEqualTo("sent"));
        whatsApp.verify(1, postRequestedFor(urlEqualTo(messagesPath)));
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).hasSize(1);
    }

    @Test
    void signedOrderReplayedUnderANewEventId_storesOneEventAndSendsOneMessage() {
        byte[] body = bytes(shopifyOrder());
        Response original = postShopify(tenant, "orders/create", "evt-original", body, SECRET, shopDomain);
        Response replay = postShopify(tenant, "orders/create", "evt-made-up-by-the-replayer", body, SECRET,
                shopDomain);

        assertThat(original.status()).as(original.body()).isEqualTo(202);
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("status").asText()).isEqualTo("duplicate");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(get("/api/v1/tenants/" + tenant + "/messages").json().path(0).path("status").asText())
                        .isEqualTo("sent"));
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).hasSize(1);
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).hasSize(1);
        whatsApp.verify(1, postRequestedFor(urlEqualTo(messagesPath)));
    }

    @Test
    void orderUpdatedWithANewUpdatedAt_isANewEvent_andTheSameUpdateUnderANewEventIdIsNot() {
        String update = shopifyOrder();
        String later = update.replace("\"updated_at\": \"2026-05-24T10:11:12+02:00\",\n  \"user_id\"",
                "\"updated_at\": \"2026-05-24T10:15:00+02:00\",\n  \"user_id\"");
        assertThat(later).isNotEqualTo(update);

        Response first = postShopify(tenant, "orders/updated", "upd-1", bytes(update), SECRET, shopDomain);
        Response replayed = postShopify(tenant, "orders/updated", "upd-2", bytes(update), SECRET, shopDomain);
        Response changed = postShopify(tenant, "orders/updated", "upd-3", bytes(later), SECRET, shopDomain);

        assertThat(List.of(first.status(), replayed.status(), changed.status())).containsExactly(202, 200, 202);
        assertThat(replayed.json().get("status").asText()).isEqualTo("duplicate");
        var events = get("/api/v1/tenants/" + tenant + "/events").json();
        assertThat(events.findValuesAsText("type")).containsExactly("order.updated", "order.updated");
        assertThat(events.findValuesAsText("deliveryId")).containsExactlyInAnyOrder(
                "orders/updated:820982911946154508@2026-05-24T08:11:12Z",
                "orders/updated:820982911946154508@2026-05-24T08:15:00Z");
    }

    @Test
    void featureSwitchedOff_storesEventButSendsNothing() {
        enableFeature(tenant, "packing-list", false);

        Response ack = postShopify(tenant, "orders/create", "evt-off", bytes(shopifyOrder()), SECRET, shopDomain);

        assertThat(ack.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/v1/tenants/" + tenant + "/events").json().path(0).path("status").asText())
                        .isEqualTo("done"));
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).isEmpty();
        whatsApp.verify(0, postRequestedFor(urlEqualTo(messagesPath)));
    }

    @Test
    void whatsAppFailsTwiceThenAccepts_messageRetriedUntilSent() {
        whatsApp.resetAll();
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":[{\"id\":\"wamid.third-time-lucky\"}]}")));

        postShopify(tenant, "orders/create", "evt-flaky", bytes(shopifyOrder()), SECRET, shopDomain);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var message = get("/api/v1/tenants/" + tenant + "/messages").json().path(0);
            assertThat(message.path("status").asText()).isEqualTo("sent");
            assertThat(message.path("attempts").asInt()).isEqualTo(3);
            assertThat(message.path("providerMessageId").asText()).isEqualTo("wamid.third-time-lucky");
        });
        var id = get("/api/v1/tenants/" + tenant + "/messages").json().get(0).get("id").asText();
        var history = get("/api/v1/tenants/" + tenant + "/messages/" + id).json().get("history");
        assertThat(history.findValuesAsText("status"))
                .containsExactly("queued", "queued", "queued", "sent");
    }

    @Test
    void whatsAppKeepsFailing_messageEndsDeadWithTheLastError() {
        whatsApp.resetAll();
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).willReturn(aResponse().withStatus(500)));

        postShopify(tenant, "orders/create", "evt-dead", bytes(shopifyOrder()), SECRET, shopDomain);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var message = get("/api/v1/tenants/" + tenant + "/messages").json().path(0);
            assertThat(message.path("status").asText()).isEqualTo("dead");
            assertThat(message.path("attempts").asInt()).isEqualTo(4);
            assertThat(message.path("lastError").asText()).contains("500");
        });
        whatsApp.verify(4, postRequestedFor(urlEqualTo(messagesPath)));
    }

    @Test
    void recipientRejectedPermanently_messageDeadWithoutRetry() {
        whatsApp.resetAll();
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"Message Undeliverable.","type":"OAuthException","code":131026,
                         "fbtrace_id":"AbCdEf"}}""")));

        postShopify(tenant, "orders/create", "evt-undeliverable", bytes(shopifyOrder()), SECRET, shopDomain);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var message = get("/api/v1/tenants/" + tenant + "/messages").json().path(0);
            assertThat(message.path("status").asText()).isEqualTo("dead");
            assertThat(message.path("lastError").asText()).startsWith("131026");
        });
        whatsApp.verify(1, postRequestedFor(urlEqualTo(messagesPath)));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] oversized() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }
}
