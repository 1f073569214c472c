package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Given for the tests of dead messages: a shop sending its packing lists through WhatsApp Cloud (WireMock), whose
 * first send Meta refuses for good (131026, undeliverable), so the message ends {@code dead} by the real path:
 * signed Shopify webhook → packing-list → whatsapp-cloud → dead.
 */
abstract class DeadMessageTestBase extends HubIntegrationTest {

    static final String SECRET = "shpss_dead_message_secret";
    final WireMockServer whatsApp = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    final String phoneNumberId = uniquePhoneNumberId();
    final String messagesPath = "/v23.0/" + phoneNumberId + "/messages";
    String tenant;
    String shopDomain;

    @AfterEach
    void stopWhatsApp() {
        whatsApp.stop();
    }

    @BeforeEach
    void shopOnWhatsAppCloud() {
        whatsApp.start();
        tenant = uniqueTenantId("dead");
        shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-dead","baseUrl":"%s"}"""
                .formatted(phoneNumberId, whatsApp.baseUrl()));
        enableFeature(tenant, "packing-list", true);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    /** An order whose packing list Meta refuses as undeliverable; returns the dead message's id. */
    String deadMessage() {
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"Message Undeliverable.","type":"OAuthException","code":131026,
                         "fbtrace_id":"AbCdEf"}}""")));
        postShopify(tenant, "orders/create", "evt-dead", shopifyOrder().getBytes(StandardCharsets.UTF_8), SECRET,
                shopDomain);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/messages").json().path(0).path("status").asText())
                .isEqualTo("dead"));
        return get("/api/v1/tenants/" + tenant + "/messages").json().path(0).path("id").asText();
    }

    /** From now on Meta accepts every send. */
    void whatsAppAccepts() {
        whatsApp.resetAll();
        whatsApp.stubFor(WireMock.post(urlEqualTo(messagesPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"messaging_product":"whatsapp","messages":[{"id":"wamid.resent"}]}""")));
    }
}
