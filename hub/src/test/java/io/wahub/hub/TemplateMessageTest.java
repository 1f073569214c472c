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
import io.wahub.hub.testplugin.TemplateOrderFeature;
import io.wahub.hub.testplugin.TestPluginJar;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A feature sends a stored template by name with named variables (the tests' template-order plugin, a real PF4J
 * jar), from a signed Shopify order through dispatch and delivery: the Cloud API gets a template message with
 * named parameters, the sandbox shows the filled text with its buttons, and a variable the feature does not give
 * makes the message dead with the reason, nothing sent.
 */
class TemplateMessageTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_template_secret";
    private static final String APP_SECRET = "tenant-template-order-app-secret";
    private static final String ORDER_UPDATE = """
            {"name":"order_update","language":"en_US","category":"UTILITY",
             "header":"Order {{order_number}}",
             "body":"Hi {{first_name}}, your order {{order_number}} is on its way.",
             "footer":"Acme Shop",
             "buttons":[{"type":"QUICK_REPLY","text":"Stop updates"},
                        {"type":"URL","text":"Track order","url":"https://shop.example/orders/{{order_id}}"}],
             "examples":{"order_number":"#1001","first_name":"Jon","order_id":"820982911946154508"}}""";

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    /**
     * This hub has a plugin the other test classes' hubs lack, so it gets a database of its own (an embedded
     * server), as {@code SlowTenantIsolationTest} explains.
     */
    @DynamicPropertySource
    static void templateOrderPlugin(DynamicPropertyRegistry registry) {
        registry.add("wahub.plugins.dir", () -> TestPluginJar.templateOrderPluginDir().toString());
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    @BeforeAll
    static void startGraph() {
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @Test
    void cloudApi_getsTheTemplateWithNamedParameters_exactly() {
        String tenant = shopWithTheFeature("tpl-cloud");
        String numberId = uniquePhoneNumberId();
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + numberId + "/messages"))
                .willReturn(WireMock.okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.T-"
                        + tenant + "\"}]}")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"%s"}""".formatted(
                numberId, graph.baseUrl(), APP_SECRET));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        String id = createTemplate(tenant, ORDER_UPDATE);
        approvedByMeta(tenant, id);

        order(tenant, 9101L);

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(tenant).path("status").asText()));
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + numberId + "/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",
                 "type":"template","template":{"name":"order_update","language":{"code":"en_US"},"components":[
                   {"type":"header","parameters":[{"type":"text","parameter_name":"order_number","text":"#1001"}]},
                   {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Jon"},
                                                {"type":"text","parameter_name":"order_number","text":"#1001"}]},
                   {"type":"button","sub_type":"url","index":"1",
                    "parameters":[{"type":"text","text":"9101"}]}]}}""")));
        assertThat(message(tenant).get("text").asText())
                .isEqualTo("Order #1001\n\nHi Jon, your order #1001 is on its way.\n\nAcme Shop");
    }

    @Test
    void sandbox_showsTheFilledTextWithItsButtons() throws Exception {
        String tenant = shopWithTheFeature("tpl-sandbox");
        createTemplate(tenant, ORDER_UPDATE);

        order(tenant, 9102L);

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(tenant).path("status").asText()));
        JsonNode message = message(tenant);
        assertThat(message.get("text").asText())
                .isEqualTo("Order #1001\n\nHi Jon, your order #1001 is on its way.\n\nAcme Shop");
        assertThat(message.get("buttons")).isEqualTo(JSON.readTree("""
                [{"type":"QUICK_REPLY","text":"Stop updates"},
                 {"type":"URL","text":"Track order","url":"https://shop.example/orders/9102"}]"""));
    }

    @Test
    void anEditedTemplate_theNextMessageCarriesItsNewText() {
        String tenant = shopWithTheFeature("tpl-edited");
        String id = createTemplate(tenant, ORDER_UPDATE);
        order(tenant, 9104L);
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(message(tenant).path("status").asText()));

        Response edited = call("PUT", "/api/v1/tenants/" + tenant + "/templates/" + id, ORDER_UPDATE
                .replace("is on its way.", "has left our warehouse."));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        order(tenant, 9105L);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/tenants/" + tenant + "/messages").json()
                .size() == 2 && "sent".equals(message(tenant).path("status").asText()));
        assertThat(message(tenant).get("text").asText())
                .isEqualTo("Order #1001\n\nHi Jon, your order #1001 has left our warehouse.\n\nAcme Shop");
    }

    @Test
    void aVariableTheFeatureDoesNotGive_makesTheMessageDeadWithTheReason_andNothingIsSent() {
        String tenant = shopWithTheFeature("tpl-missing");
        createTemplate(tenant, """
                {"name":"order_update","language":"en_US","category":"UTILITY",
                 "body":"Hi {{first_name}}, track {{tracking_number}}.",
                 "examples":{"first_name":"Jon","tracking_number":"1Z999"}}""");

        order(tenant, 9103L);

        await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(message(tenant).path("status").asText()));
        JsonNode message = message(tenant);
        assertThat(message.get("lastError").asText()).isEqualTo("template 'order_update' (en_US) needs variable"
                + " 'tracking_number', which the message does not give");
        assertThat(message.get("attempts").asInt()).isZero();
        assertThat(history(tenant, message.get("id").asText())).containsExactly("queued", "dead");
    }

    private String shopWithTheFeature(String prefix) {
        String tenant = uniqueTenantId(prefix);
        createShop(tenant, SHOPIFY_SECRET, tenant + ".myshopify.com");
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}").status()).isEqualTo(200);
        enableFeature(tenant, TemplateOrderFeature.ID, true);
        return tenant;
    }

    private String createTemplate(String tenant, String json) {
        Response created = post("/api/v1/tenants/" + tenant + "/templates", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Meta's signed approval webhook on the tenant's own URL, applied. */
    private void approvedByMeta(String tenant, String templateId) {
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":%d,"changes":[{
                "field":"message_template_status_update","value":{"event":"APPROVED","message_template_id":77,
                "message_template_name":"order_update","message_template_language":"en_US","reason":"NONE"}}]}]}"""
                .formatted(System.currentTimeMillis() / 1000).getBytes(StandardCharsets.UTF_8);
        Response response = postWebhook("/webhooks/" + tenant + "/whatsapp-cloud", Map.of("Content-Type",
                "application/json", "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/tenants/" + tenant + "/templates/"
                + templateId).json().get("approved").asBoolean());
    }

    private void order(String tenant, long orderId) {
        Response accepted = postShopify(tenant, "orders/create", "evt-" + orderId,
                shopifyOrder(orderId).getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, tenant + ".myshopify.com");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    }

    private JsonNode message(String tenant) {
        JsonNode list = get("/api/v1/tenants/" + tenant + "/messages").json();
        return list.isEmpty() ? JSON.missingNode() : list.get(0);
    }

    private List<String> history(String tenant, String id) {
        List<String> statuses = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/messages/" + id).json().path("history")
                .forEach(h -> statuses.add(h.get("status").asText()));
        return statuses;
    }
}
