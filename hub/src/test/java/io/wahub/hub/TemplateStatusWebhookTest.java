package io.wahub.hub;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's template webhooks, signed, on the tenant's own WhatsApp Cloud API URL, keep the stored template's status
 * (with its reason) and quality current; a late, older change does not undo a newer one.
 */
class TemplateStatusWebhookTest extends HubIntegrationTest {

    private static final String APP_SECRET = "tenant-template-app-secret";
    private static final String WABA = "102290129340398";
    private static final String META_ID = "1689556908129832";

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    private String tenant;
    private String templateId;
    private long now;

    @BeforeAll
    static void startGraph() {
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @BeforeEach
    void tenantOnTheCloudApiWithAPendingTemplate() {
        tenant = uniqueTenantId("tpl-hook");
        String numberId = uniquePhoneNumberId();
        createTenant(tenant);
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"%s"}"""
                .formatted(numberId, graph.baseUrl(), APP_SECRET));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        Response created = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"order_update","language":"en_US","category":"UTILITY",
                 "body":"Hi {{first_name}}, your order is on its way.","examples":{"first_name":"Jon"}}""");
        assertThat(created.json().get("status").asText()).isEqualTo("PENDING");
        templateId = created.json().get("id").asText();
        now = System.currentTimeMillis() / 1000;
    }

    @Test
    void approved_thenPaused_thenRejectedWithItsReason() {
        postTemplateChange(now, """
                "event":"APPROVED","reason":"NONE\"""");
        await().atMost(Duration.ofSeconds(10)).until(() -> "APPROVED".equals(template().get("status").asText()));
        assertThat(template().get("approved").asBoolean()).isTrue();
        assertThat(template().get("metaTemplateId").asText()).isEqualTo(META_ID);
        assertThat(template().has("statusReason")).isFalse();

        postTemplateChange(now + 10, """
                "event":"PAUSED","reason":"NONE",
                "other_info":{"title":"FIRST_PAUSE","description":"Paused for 3 hours: low quality."}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAUSED".equals(template().get("status").asText()));
        assertThat(template().get("statusReason").asText()).isEqualTo("FIRST_PAUSE: Paused for 3 hours: low quality.");
        assertThat(template().get("approved").asBoolean()).isFalse();

        postTemplateChange(now + 20, """
                "event":"REJECTED","reason":"INVALID_FORMAT",
                "rejection_info":{"reason":"Variables are not defined correctly.","recommendation":"Fix them."}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> "REJECTED".equals(template().get("status").asText()));
        assertThat(template().get("statusReason").asText())
                .isEqualTo("INVALID_FORMAT: Variables are not defined correctly.");
    }

    @Test
    void anOlderChangeArrivingLate_doesNotUndoANewerOne_andQualityIsKeptToo() {
        postTemplateChange(now + 20, """
                "event":"REJECTED","reason":"PROMOTIONAL\"""");
        await().atMost(Duration.ofSeconds(10)).until(() -> "REJECTED".equals(template().get("status").asText()));

        postTemplateChange(now + 5, """
                "event":"APPROVED","reason":"NONE\"""");
        Response quality = postMeta("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{
                "field":"message_template_quality_update","value":{"previous_quality_score":"GREEN",
                "new_quality_score":"YELLOW","message_template_id":%s,"message_template_name":"order_update",
                "message_template_language":"en_US"}}]}]}""".formatted(WABA, now + 30, META_ID));

        assertThat(quality.status()).as(quality.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> allEventsDone(3));
        JsonNode template = template();
        assertThat(template.get("status").asText()).isEqualTo("REJECTED");
        assertThat(template.get("statusReason").asText()).isEqualTo("PROMOTIONAL");
        assertThat(template.get("quality").asText()).isEqualTo("YELLOW");
    }

    @Test
    void aChangeForATemplateTheHubDoesNotStore_isIgnored() {
        Response response = postMeta("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{
                "field":"message_template_status_update","value":{"event":"APPROVED","message_template_id":42,
                "message_template_name":"made_in_whatsapp_manager","message_template_language":"es",
                "reason":"NONE"}}]}]}""".formatted(WABA, now));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> allEventsDone(1));
        assertThat(template().get("status").asText()).isEqualTo("PENDING");
    }

    private void postTemplateChange(long time, String value) {
        Response response = postMeta("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{
                "field":"message_template_status_update","value":{%s,"message_template_id":%s,
                "message_template_name":"order_update","message_template_language":"en_US",
                "message_template_category":"UTILITY"}}]}]}""".formatted(WABA, time, value, META_ID));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private Response postMeta(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return postWebhook("/webhooks/" + tenant + "/whatsapp-cloud", Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
    }

    private JsonNode template() {
        return get("/api/v1/tenants/" + tenant + "/templates/" + templateId).json();
    }

    private boolean allEventsDone(int count) {
        JsonNode events = get("/api/v1/tenants/" + tenant + "/events").json();
        int done = 0;
        for (JsonNode event : events) {
            done += "done".equals(event.get("status").asText()) ? 1 : 0;
        }
        return events.size() == count && done == count;
    }
}
