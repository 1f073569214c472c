package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the order-notification tests: a tenant on plan pro with Shopify, WooCommerce and Stripe connected, the
 * orders feature switched on while on the sandbox (its shipped templates approved at once), then sending through
 * the WhatsApp Cloud API, which WireMock plays. The packing list is off, so every message sent is the orders
 * feature's.
 */
abstract class OrderNotificationsTestBase extends HubIntegrationTest {

    static final String SHOPIFY_SECRET = "shpss_orders_secret";
    static final String WOO_SECRET = "wc_orders_secret";
    static final String WOO_STORE = "https://shop.example.com/";
    static final String STRIPE_SECRET = "whsec_orders_secret";
    static final String PHONE = "+4915112345678";

    /**
     * One Cloud API stand-in for every subclass (a stopped WireMock server does not come back on start), started
     * with the first and left to the JVM's end; tenants never share a number, so their stubs never meet.
     */
    static final WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static synchronized void startGraph() {
        if (!graph.isRunning()) {
            graph.start();
        }
    }

    String numberId;
    String messagesPath;

    /** A tenant as described above; its Cloud API number answers every send with a wamid. */
    String ordersTenant(String prefix) {
        String tenant = uniqueTenantId(prefix);
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}").status()).isEqualTo(200);
        configureConnector(tenant, "shopify", """
                {"webhookSecret":"%s","shopDomain":"%s","defaultCountry":"DE"}"""
                .formatted(SHOPIFY_SECRET, shop(tenant)));
        configureConnector(tenant, "woocommerce", """
                {"webhookSecret":"%s","storeUrl":"%s","defaultCountry":"DE"}""".formatted(WOO_SECRET, WOO_STORE));
        configureConnector(tenant, "stripe", "{\"webhookSecret\":\"" + STRIPE_SECRET + "\"}");
        enableFeature(tenant, "orders", true);
        numberId = uniquePhoneNumberId();
        messagesPath = "/v23.0/" + numberId + "/messages";
        graph.stubFor(WireMock.post(urlEqualTo(messagesPath)).willReturn(WireMock.okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.orders\"}]}")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-orders","baseUrl":"%s"}"""
                .formatted(numberId, graph.baseUrl()));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        return tenant;
    }

    static String shop(String tenant) {
        return tenant + ".myshopify.com";
    }

    Response shopify(String tenant, String topic, String body) {
        Response ack = postShopify(tenant, topic, "evt-" + topic + "-" + body.hashCode(),
                body.getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, shop(tenant));
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        return ack;
    }

    Response woo(String tenant, String topic, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-WC-Webhook-Source", WOO_STORE);
        headers.put("X-WC-Webhook-Topic", topic);
        headers.put("X-WC-Webhook-Resource", "order");
        headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
        headers.put("X-WC-Webhook-Signature", Hmac.base64(Hmac.sha256(WOO_SECRET, bytes)));
        headers.put("X-WC-Webhook-ID", "15");
        headers.put("X-WC-Webhook-Delivery-ID", java.util.UUID.randomUUID().toString().replace("-", ""));
        Response ack = postWebhook("/webhooks/" + tenant + "/woocommerce", headers, bytes);
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        return ack;
    }

    Response stripe(String tenant, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Response ack = postWebhook("/webhooks/" + tenant + "/stripe", Map.of("Content-Type",
                "application/json; charset=utf-8", "Stripe-Signature", StripeWebhookTest.sign(bytes,
                        java.time.Instant.now().getEpochSecond(), STRIPE_SECRET)), bytes);
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        return ack;
    }

    /** Waits until every event of the tenant is done, and returns the orders API's list. */
    JsonNode ordersWhenDone(String tenant) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/events").json().findValuesAsText("status")).isNotEmpty()
                .allMatch("done"::equals));
        return get(orders(tenant, "")).json();
    }

    static String orders(String tenant, String pathAndQuery) {
        return "/api/v1/tenants/" + tenant + "/features/orders/orders" + pathAndQuery;
    }

    /** Asserts that exactly one message with this Cloud API body was sent, and exactly {@code total} in all. */
    void sentExactly(String body, int total) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> graph.verify(1,
                postRequestedFor(urlEqualTo(messagesPath)).withRequestBody(equalToJson(body))));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                graph.verify(total, postRequestedFor(urlEqualTo(messagesPath))));
    }

    static String text(String body) {
        return """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"text",
                 "text":{"preview_url":false,"body":%s}}""".formatted(JSON.valueToTree(body).toString());
    }

    static String fixture(String path) {
        try {
            return Files.readString(Path.of(OrderNotificationsTestBase.class.getResource(path).toURI()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Shopify fulfillments/create sample of the shopify plugin (DHL Express, tracking 1234567890). */
    static String fulfillment() {
        return """
                {"id":255858046,"order_id":820982911946154508,"status":"success",\
                "created_at":"2026-05-25T09:02:11-04:00","service":"manual","updated_at":"2026-05-25T09:02:11-04:00",\
                "tracking_company":"DHL Express","shipment_status":null,"email":"jon@doe.ca",\
                "destination":{"first_name":"Jon","phone":"0151 12345678","city":"Berlin","zip":"10115",\
                "last_name":"Doe","country_code":"DE"},"line_items":[{"id":466157049,"title":"Blue T-Shirt",\
                "quantity":2,"sku":"TS-BLUE-M","variant_title":"M","price":"19.99"}],"tracking_number":"1234567890",\
                "tracking_numbers":["1234567890"],\
                "tracking_url":"https://www.dhl.com/de-en/home/tracking.html?tracking-id=1234567890",\
                "tracking_urls":["https://www.dhl.com/de-en/home/tracking.html?tracking-id=1234567890"],\
                "name":"#1001.1"}""";
    }
}
