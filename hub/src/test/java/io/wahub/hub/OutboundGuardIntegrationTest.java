package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.wahub.hub.settings.ExtensionSettingsRepository;
import io.wahub.hub.settings.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server-side request forgery, through the running hub: every plugin's outbound call passes the hub's guard. A
 * tenant's channel aimed at loopback, link-local or private addresses (settings stored before the save-time check,
 * or a DNS answer changed after it) fails with {@code blocked-host} on the message and the target gets nothing;
 * saving such a URL is refused as a field error; the WooCommerce catch-up follows no redirect; allow-listed hosts
 * work; {@code Retry-After} is honoured within its bound; vendors' error texts are bounded and carry no credential.
 */
class OutboundGuardIntegrationTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_ssrf_secret";
    private static final String TOKEN = "EAAG-ssrf-token";

    static WireMockServer target = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static WireMockServer internal = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    ExtensionSettingsRepository storedSettings;
    @Autowired
    SecretCipher cipher;
    @Autowired
    JdbcClient jdbc;

    private String tenant;
    private String phoneNumberId;

    @BeforeAll
    static void start() {
        target.start();
        internal.start();
    }

    @AfterAll
    static void stop() {
        target.stop();
        internal.stop();
    }

    @BeforeEach
    void shop() {
        tenant = uniqueTenantId("ssrf");
        phoneNumberId = uniquePhoneNumberId();
        target.stubFor(WireMock.post(urlEqualTo("/v23.0/" + phoneNumberId + "/messages"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.reached-" + tenant + "\"}]}")));
        createShop(tenant, SHOPIFY_SECRET, tenant + ".myshopify.com");
        enableFeature(tenant, "packing-list", true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://127.0.0.1:{port}, 127.0.0.1 is a loopback address",
            "https://169.254.169.254, 169.254.169.254 is a link-local address",
            "https://10.20.30.40, 10.20.30.40 is a private address",
            "https://[::ffff:127.0.0.1]:{port}, ::ffff:127.0.0.1 is a loopback address"})
    void aChannelAimedAtANonPublicAddress_failsWithBlockedHostOnTheMessage_andTheTargetGetsNothing(
            String baseUrl, String reason) {
        String url = baseUrl.replace("{port}", String.valueOf(target.port()));
        storeWhatsAppSettingsAsAnOlderHubWould(url);

        orderPlaced();

        JsonNode message = awaitMessageSettled();
        assertThat(message.get("status").asText()).isEqualTo("dead");
        assertThat(message.get("attempts").asInt()).isEqualTo(1);
        assertThat(message.get("lastError").asText()).isEqualTo("blocked-host: POST " + url + "/v23.0/"
                + phoneNumberId + "/messages: refused, " + reason
                + " (the operator may allow the host in wahub.outbound.allowed-hosts)");
        target.verify(0, postRequestedFor(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")));
    }

    @Test
    void aNameThatResolvesToLoopbackWhenTheHubConnects_isRefusedThen_thoughItWasPublicWhenSaved() {
        String host = "rebind.wahub-test.internal";
        TestHostResolver.map(host, "93.184.216.34");
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"%s","baseUrl":"http://%s:%d"}"""
                .formatted(phoneNumberId, TOKEN, host, target.port()));
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");
        TestHostResolver.map(host, "127.0.0.1");

        orderPlaced();

        JsonNode message = awaitMessageSettled();
        assertThat(message.get("status").asText()).isEqualTo("dead");
        assertThat(message.get("lastError").asText()).isEqualTo("blocked-host: POST http://" + host + ":"
                + target.port() + "/v23.0/" + phoneNumberId + "/messages: refused, " + host
                + " resolves to a loopback address (the operator may allow the host in wahub.outbound.allowed-hosts)");
        target.verify(0, postRequestedFor(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")));
    }

    @Test
    void savingAUrlTheGuardWouldRefuse_isAFieldError() {
        Response loopbackName = saveWhatsApp("http://loopback.wahub-test.internal:" + target.port());
        Response plainHttp = saveWhatsApp("http://graph.example.com");
        Response metadata = saveWhatsApp("https://169.254.169.254");

        expectProblem(loopbackName, 422, "invalid-settings");
        assertThat(loopbackName.json().at("/errors/baseUrl").asText()).isEqualTo("refused,"
                + " loopback.wahub-test.internal resolves to a loopback address (the operator may allow the host in"
                + " wahub.outbound.allowed-hosts)");
        assertThat(plainHttp.json().at("/errors/baseUrl").asText()).isEqualTo("plain http is refused for"
                + " graph.example.com; use https (the operator may allow http for a host in wahub.outbound.http-hosts)");
        assertThat(metadata.json().at("/errors/baseUrl").asText()).isEqualTo("refused, 169.254.169.254 is a"
                + " link-local address (the operator may allow the host in wahub.outbound.allowed-hosts)");
    }

    @Test
    void anAllowListedHostOnTheLan_works() {
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"%s","baseUrl":"http://lan.wahub-test.internal:%d"}"""
                .formatted(phoneNumberId, TOKEN, target.port()));
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");

        orderPlaced();

        JsonNode message = awaitMessageSettled();
        assertThat(message.get("status").asText()).isEqualTo("sent");
        assertThat(message.get("providerMessageId").asText()).isEqualTo("wamid.reached-" + tenant);
    }

    @Test
    void theWooCommerceCatchUp_followsNoRedirect_toAnInternalAddress() {
        internal.stubFor(WireMock.get(urlPathEqualTo("/wp-json/wc/v3/orders"))
                .willReturn(okJson("[" + recentOrder() + "]")));
        String path = "/" + tenant + "/wp-json/wc/v3/orders";
        target.stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + internal.port() + "/wp-json/wc/v3/orders")));

        configureWooCommerce(tenant);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(pollError(tenant)).isEqualTo("GET " + path + " answered HTTP 302"));
        target.verify(1, getRequestedFor(urlPathEqualTo(path)));
        internal.verify(0, getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders")));
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).isEmpty();
    }

    @Test
    void retryAfter_isHonouredWithinItsBound_andALongerOneEndsTheRetriesAtOnce() {
        String honoured = "/" + tenant + "/wp-json/wc/v3/orders";
        target.stubFor(WireMock.get(urlPathEqualTo(honoured)).inScenario(tenant).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("open"));
        target.stubFor(WireMock.get(urlPathEqualTo(honoured)).inScenario(tenant).whenScenarioStateIs("open")
                .willReturn(okJson("[" + recentOrder() + "]")));
        String other = uniqueTenantId("ssrf-wait");
        String capped = "/" + other + "/wp-json/wc/v3/orders";
        target.stubFor(WireMock.get(urlPathEqualTo(capped)).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "3600")));
        createTenant(other);

        configureWooCommerce(tenant);
        configureWooCommerce(other);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).isNotEmpty());
        List<LoggedRequest> attempts = target.findAll(getRequestedFor(urlPathEqualTo(honoured)));
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).getLoggedDate().toInstant(),
                attempts.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(pollError(other)).isEqualTo("GET " + capped + " answered HTTP 503"));
        target.verify(1, getRequestedFor(urlPathEqualTo(capped)));
    }

    @Test
    void aGatewaysErrorText_onTheMessage_isBoundedAndCarriesNoKey() {
        String key = "EVO-KEY-NEVER-SHOWN-7a1f";
        String instance = "inst-" + tenant;
        target.stubFor(WireMock.post(urlEqualTo("/message/sendText/" + instance)).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"response\":{\"message\":\"key " + key + " refused; " + "internal dump ".repeat(2000)
                        + "\"}}")));
        configureConnector(tenant, "evolution", """
                {"baseUrl":"%s","instance":"%s","apiKey":"%s"}""".formatted(target.baseUrl(), instance, key));
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"evolution\"}");

        orderPlaced();

        String error = awaitMessageSettled().get("lastError").asText();
        assertThat(error).startsWith("http-400: the gateway answered HTTP 400: key *** refused; internal dump")
                .endsWith("…").doesNotContain(key);
        assertThat(error).hasSize("http-400: the gateway answered HTTP 400: ".length() + 300);
    }

    private Response saveWhatsApp(String baseUrl) {
        return put("/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"%s","baseUrl":"%s"}}"""
                .formatted(phoneNumberId, TOKEN, baseUrl));
    }

    /** Settings as a hub before the save-time check stored them (the guard at send time is what protects). */
    private void storeWhatsAppSettingsAsAnOlderHubWould(String baseUrl) {
        storedSettings.save(tenant, "whatsapp-cloud", new ExtensionSettingsRepository.StoredSettings(
                "{\"phoneNumberId\":\"" + phoneNumberId + "\",\"baseUrl\":\"" + baseUrl + "\"}",
                cipher.encrypt("{\"accessToken\":\"" + TOKEN + "\"}")));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    /** The tenant's store on the target server, under its own path; the catch-up polls it at once. */
    private void configureWooCommerce(String tenantId) {
        configureConnector(tenantId, "woocommerce", """
                {"webhookSecret":"wc_s","storeUrl":"http://localhost:%d/%s/","defaultCountry":"DE",\
                "consumerKey":"ck_1","consumerSecret":"cs_1"}""".formatted(target.port(), tenantId));
    }

    private void orderPlaced() {
        Response ack = postShopify(tenant, "orders/create", "evt-" + tenant, shopifyOrder()
                .getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, tenant + ".myshopify.com");
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
    }

    private JsonNode awaitMessageSettled() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode list = get("/api/v1/tenants/" + tenant + "/messages").json();
            return !list.isEmpty() && List.of("sent", "dead").contains(list.get(0).get("status").asText());
        });
        return get("/api/v1/tenants/" + tenant + "/messages").json().get(0);
    }

    private String pollError(String tenantId) {
        return jdbc.sql("SELECT last_error FROM connector_poll WHERE tenant_id = :tenant AND poller_id = 'woocommerce'")
                .param("tenant", tenantId).query(String.class).optional().orElse(null);
    }

    private static String recentOrder() {
        DateTimeFormatter gmt = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
        String recent = gmt.format(Instant.now().minusSeconds(60));
        try {
            return new String(WooCommerceWebhookTest.order(), StandardCharsets.UTF_8)
                    .replace("2026-05-24T08:14:02", recent).replace("2026-05-24T08:12:44", recent);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
