package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the cash-on-delivery tests: the real cod plugin jar, the Shopify and WooCommerce connectors, the WhatsApp
 * Cloud API channel, all vendors played by one WireMock server (each tenant's store under {@code /shops/{tenant}}),
 * and the hub's clock moved by the tests instead of sleeping. Tenants are on plan enterprise with the cod feature on
 * (its template stored while on the sandbox, which approves it), then switched to the Cloud API. The hub runs on an
 * embedded PostgreSQL of its own, so no other test class's hub fires these timers with its own clock.
 */
@Import(AdjustableClock.Configuration.class)
abstract class CodTestBase extends HubIntegrationTest {

    static final String PHONE = "+4915112345678";
    static final String SHOPIFY_SECRET = "cod-shopify-secret";
    static final String WOO_SECRET = "cod-woo-secret";
    static final String APP_SECRET = "cod-app-secret";
    static final String ADMIN_TOKEN = "shpat_cod_test_token";
    static final String GRAPHQL = "/admin/api/2024-10/graphql.json";
    static final WireMockServer vendor = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void quickTimers(DynamicPropertyRegistry registry) {
        registry.add("wahub.timers.period", () -> "100ms");
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    @Autowired
    AdjustableClock clock;

    @BeforeAll
    static void startVendor() {
        if (!vendor.isRunning()) {
            vendor.start();
        }
    }

    @AfterAll
    static void resetVendor() {
        vendor.resetAll();
    }

    @AfterEach
    void clockBack() {
        clock.offset.set(Duration.ZERO);
    }

    /** A tenant and its WhatsApp phone number id. */
    record Shop(String tenant, String numberId) {
        String base() {
            return "/shops/" + tenant;
        }

        String messages() {
            return "/v23.0/" + numberId + "/messages";
        }
    }

    /** A tenant with the cod feature on (settings as JSON, or null for the defaults), on the Cloud API. */
    Shop codTenant(String prefix, String codSettings) {
        return codTenant(prefix, codSettings, true);
    }

    /** A tenant with the cod feature on, on the Cloud API or left on the sandbox. */
    Shop codTenant(String prefix, String codSettings, boolean cloudApi) {
        String tenant = uniqueTenantId(prefix);
        String numberId = uniquePhoneNumberId();
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        enableFeature(tenant, "cod", true);
        if (codSettings != null) {
            Response saved = put("/api/v1/tenants/" + tenant + "/features/cod", "{\"settings\":" + codSettings + "}");
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        }
        if (!cloudApi) {
            return new Shop(tenant, numberId);
        }
        vendor.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        vendor.stubFor(WireMock.post(urlEqualTo("/v23.0/" + numberId + "/messages")).willReturn(WireMock.okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid." + UUID.randomUUID() + "\"}]}")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"%s","verifyToken":"v"}"""
                .formatted(numberId, vendor.baseUrl(), APP_SECRET));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        return new Shop(tenant, numberId);
    }

    /** The Shopify connector with Admin API access to the shop WireMock plays at {@code /shops/{tenant}}. */
    void connectShopify(Shop shop) {
        configureConnector(shop.tenant(), "shopify", """
                {"webhookSecret":"%s","shopDomain":"cod-shop.myshopify.com","defaultCountry":"DE",\
                "adminAccessToken":"%s","adminApiUrl":"%s"}""".formatted(SHOPIFY_SECRET, ADMIN_TOKEN,
                vendor.baseUrl() + shop.base()));
    }

    void connectWoo(Shop shop) {
        configureConnector(shop.tenant(), "woocommerce", """
                {"webhookSecret":"%s","storeUrl":"%s","defaultCountry":"DE","consumerKey":"ck_cod",\
                "consumerSecret":"cs_cod"}""".formatted(WOO_SECRET, vendor.baseUrl() + shop.base()));
    }

    /** Shopify answers tagsAdd for the shop. */
    void shopifyAcceptsTags(Shop shop) {
        vendor.stubFor(WireMock.post(urlEqualTo(shop.base() + GRAPHQL)).willReturn(WireMock.okJson("""
                {"data":{"tagsAdd":{"node":{"id":"gid://shopify/Order/1"},"userErrors":[]}}}""")));
    }

    /** A Shopify orders/* webhook for a cash-on-delivery order. */
    Response shopifyOrder(Shop shop, String topic, long orderId) {
        String body = shopifyOrder(orderId).replace("\"payment_gateway_names\": [\"bogus\"]",
                "\"payment_gateway_names\": [\"Cash on Delivery (COD)\"]");
        Response response = postShopify(shop.tenant(), topic, UUID.randomUUID().toString(),
                body.getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, "cod-shop.myshopify.com");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response;
    }

    /** A customer's tap, as the Cloud API posts it: a template's quick reply ({@code button}) or an interactive. */
    void tap(Shop shop, String payload, boolean templateButton) {
        String message = templateButton
                ? "\"type\":\"button\",\"button\":{\"payload\":\"" + payload + "\",\"text\":\"Confirm\"}"
                : "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\""
                        + payload + "\",\"title\":\"Confirm\"}}";
        byte[] body = ("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Jon"},"wa_id":"4915112345678"}],\
                "messages":[{"from":"4915112345678","id":"wamid.tap-%s","timestamp":"%d",%s}]}}]}]}"""
                .formatted(shop.numberId(), UUID.randomUUID(), clock.instant().getEpochSecond(), message))
                .getBytes(StandardCharsets.UTF_8);
        Response response = postWebhook("/webhooks/" + shop.tenant() + "/whatsapp-cloud", Map.of(
                "Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    static String cod(String tenant, String path) {
        return "/api/v1/tenants/" + tenant + "/features/cod" + path;
    }

    /** The confirmation of the order once {@code until} holds for it. */
    JsonNode confirmation(Shop shop, String orderId, Predicate<JsonNode> until) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response response = get(cod(shop.tenant(), "/confirmations/" + orderId));
            seen[0] = response.status() == 200 ? response.json() : null;
            return seen[0] != null && until.test(seen[0]);
        });
        return seen[0];
    }

    static Predicate<JsonNode> status(String status) {
        return c -> c.get("status").asText().equals(status);
    }

    /** Moves the hub's clock {@code by} further. */
    void later(Duration by) {
        clock.offset.set(clock.offset.get().plus(by));
    }

    /** The bodies the shop's number sent to the Cloud API, once there are {@code count}. */
    List<JsonNode> sent(Shop shop, int count) {
        List<JsonNode> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            bodies.clear();
            vendor.findAll(postRequestedFor(urlEqualTo(shop.messages())))
                    .forEach(request -> bodies.add(readJson(request.getBodyAsString())));
            return bodies.size() >= count;
        });
        return bodies;
    }

    /** Posts a WooCommerce webhook signed for the shop. */
    Response postWoo(Shop shop, String topic, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-WC-Webhook-Source", vendor.baseUrl() + shop.base() + "/");
        headers.put("X-WC-Webhook-Topic", topic);
        headers.put("X-WC-Webhook-Resource", "order");
        headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
        headers.put("X-WC-Webhook-Signature", Hmac.base64(Hmac.sha256(WOO_SECRET, body)));
        headers.put("X-WC-Webhook-ID", "15");
        headers.put("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString().replace("-", ""));
        Response response = postWebhook("/webhooks/" + shop.tenant() + "/woocommerce", headers, body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response;
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(text, e);
        }
    }
}
