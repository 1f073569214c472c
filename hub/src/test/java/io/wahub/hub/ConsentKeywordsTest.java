package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consent through the real Cloud API webhook (Meta's signature, WireMock as the Graph API): STOP and START words
 * in five languages, each answered once; Meta's user_preferences; error 131050; and the conversation timeline those
 * messages make.
 */
class ConsentKeywordsTest extends HubIntegrationTest {

    private static final String APP_SECRET = "consent-app-secret";
    private static final String STOP_REPLY =
            "You will no longer receive marketing messages from us. Reply START to receive them again.";
    private static final String START_REPLY =
            "You will receive our marketing messages again. Reply STOP to stop them.";

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    List<HubEventHandler> handlers;

    private String tenant;
    private String phoneNumberId;

    @BeforeAll
    static void startGraph() {
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @BeforeEach
    void tenantOnTheCloudApi() {
        tenant = uniqueTenantId("consent");
        phoneNumberId = uniquePhoneNumberId();
        createTenant(tenant);
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + phoneNumberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + phoneNumberId + "\"}")));
        // every send gets a wamid of its own: "wamid.sent-" + the recipient + the request's id
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":"
                        + "\"wamid.sent-{{jsonPath request.body '$.to'}}-{{randomValue length=8 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"%s","verifyToken":"v"}"""
                .formatted(phoneNumberId, graph.baseUrl(), APP_SECRET));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
    }

    @Test
    void stopAndStartInFiveLanguages_optOutAndBackIn_eachAnsweredOnce() {
        Map<String, List<String>> words = Map.of(
                "+4915111000001", List.of("STOP", "START"),           // English
                "+34611000002", List.of("Baja", "alta"),               // Spanish
                "+351911000003", List.of("PARAR", "Voltar"),           // Portuguese
                "+4915111000004", List.of("stopp", "ANMELDEN"),        // German
                "+33611000005", List.of("Arrêt !", "reprendre"));      // French
        long at = Instant.now().getEpochSecond();

        words.forEach((phone, pair) -> {
            postInbound(phone, "wamid.stop-" + phone, pair.get(0), at);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(marketing(phone).path("status").asText()).isEqualTo("opted-out"));
            postInbound(phone, "wamid.start-" + phone, pair.get(1), at + 1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(marketing(phone).path("status").asText()).isEqualTo("opted-in"));
        });
        Response redelivery = postInbound("+4915111000001", "wamid.stop-+4915111000001", "STOP", at);

        assertThat(redelivery.json().get("status").asText()).isEqualTo("duplicate");
        words.keySet().forEach(phone -> {
            assertThat(marketing(phone).get("source").asText()).isEqualTo("keyword");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(sendsTo(phone, STOP_REPLY)).isEqualTo(1);
                assertThat(sendsTo(phone, START_REPLY)).isEqualTo(1);
            });
        });
        assertThat(graph.findAll(postRequestedFor(urlEqualTo("/v23.0/" + phoneNumberId + "/messages"))))
                .hasSize(10);
    }

    @Test
    void aTextThatOnlyContainsStop_isNoKeyword_andAnswersNothing() {
        String phone = "+4915111000011";

        postInbound(phone, "wamid.chat-" + tenant, "Please don't stop the delivery", Instant.now().getEpochSecond());

        await().atMost(Duration.ofSeconds(20)).until(() -> contact(phone) != null);
        assertThat(contact(phone).path("consent").isEmpty()).isTrue();
        assertThat(graph.findAll(postRequestedFor(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")))).isEmpty();
    }

    @Test
    void userPreferences_stopThenResume_areTheContactsMarketingConsent() throws Exception {
        byte[] stop = fixture("user-preferences.json");
        byte[] resume = new String(stop, StandardCharsets.UTF_8).replace("\"value\": \"stop\"", "\"value\": \"resume\"")
                .replace("1739321024", "1739321999").getBytes(StandardCharsets.UTF_8);

        Response stored = postMeta(stop);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode marketing = marketing("+16505551234");
            assertThat(marketing.path("status").asText()).isEqualTo("opted-out");
            assertThat(marketing.path("source").asText()).isEqualTo("whatsapp-preferences");
            assertThat(marketing.path("at").asText()).isEqualTo("2025-02-12T00:43:44Z");
        });
        postMeta(resume);

        assertThat(stored.status()).as(stored.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(marketing("+16505551234").path("status").asText()).isEqualTo("opted-in"));
        assertThat(contact("+16505551234").get("name").asText()).isEqualTo("Sheena Nelson");
    }

    @Test
    void failedStatusWithError131050_optsTheRecipientOutOfMarketing() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"statuses":[{"id":"wamid.promo-1","status":"failed",
                "timestamp":"1779609700","recipient_id":"4915111000021","errors":[{"code":131050,
                "title":"User has stopped marketing messages",
                "error_data":{"details":"Unable to deliver the message: the user stopped marketing messages"}}]}]}}]}]}"""
                .formatted(phoneNumberId);

        postMeta(body.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode marketing = marketing("+4915111000021");
            assertThat(marketing.path("status").asText()).isEqualTo("opted-out");
            assertThat(marketing.path("source").asText()).isEqualTo("whatsapp-error-131050");
        });
    }

    @Test
    void conversation_showsBothDirectionsNewestFirst_withTheReplysStatuses() {
        String phone = "+16505551234";
        long at = Instant.now().getEpochSecond() - 60;
        postInbound(phone, "wamid.question-" + tenant, "Does it come in blue?", at);
        postInbound(phone, "wamid.stop-" + tenant, "STOP", at + 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> !sentMessages().isEmpty()
                && sentMessages().get(0).path("status").asText().equals("sent"));
        String wamid = sentMessages().get(0).get("providerMessageId").asText();
        postMeta(status(wamid, "delivered", at + 20));
        postMeta(status(wamid, "read", at + 30));
        String id = contact(phone).get("id").asText();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode timeline = get("/api/v1/tenants/" + tenant + "/contacts/" + id + "/conversation").json();
            JsonNode items = timeline.get("items");
            assertThat(items).hasSize(3);
            assertThat(items.get(0).get("direction").asText()).isEqualTo("outbound");
            assertThat(items.get(0).get("text").asText()).isEqualTo(STOP_REPLY);
            assertThat(items.get(0).get("category").asText()).isEqualTo("SERVICE");
            assertThat(items.get(0).get("status").asText()).isEqualTo("read");
            // WhatsApp's status webhooks may be applied in either order; the status itself only moves forward
            assertThat(items.get(0).get("history").findValuesAsText("status"))
                    .containsExactlyInAnyOrder("sent", "delivered", "read");
            assertThat(items.get(1).get("direction").asText()).isEqualTo("inbound");
            assertThat(items.get(1).get("text").asText()).isEqualTo("STOP");
            assertThat(items.get(1).get("at").asText()).isEqualTo(Instant.ofEpochSecond(at + 10).toString());
            assertThat(items.get(2).get("text").asText()).isEqualTo("Does it come in blue?");
            assertThat(timeline.get("windowOpenUntil").asText())
                    .isEqualTo(Instant.ofEpochSecond(at + 10).plus(Duration.ofHours(24)).toString());
            assertThat(timeline.get("windowOpen").asBoolean()).isTrue();
        });
        JsonNode firstPage = get("/api/v1/tenants/" + tenant + "/contacts/" + id + "/conversation?limit=2").json();
        JsonNode secondPage = get("/api/v1/tenants/" + tenant + "/contacts/" + id + "/conversation?limit=2&cursor="
                + firstPage.get("nextCursor").asText()).json();
        assertThat(firstPage.get("items").findValuesAsText("direction")).containsExactly("outbound", "inbound");
        assertThat(secondPage.get("items").findValuesAsText("text")).containsExactly("Does it come in blue?");
        assertThat(secondPage.has("nextCursor")).isFalse();
    }

    @Test
    void tenantsOwnKeywords_replaceTheDefaults() {
        Response saved = put("/api/v1/tenants/" + tenant + "/consent-keywords", """
                {"stopWords":["HALT"],"startWords":["GO"],"stopReply":"Halted.","startReply":"Going."}""");
        Response invalid = put("/api/v1/tenants/" + tenant + "/consent-keywords", """
                {"stopWords":["HALT"],"startWords":["halt"],"stopReply":"","startReply":"Going."}""");
        String phone = "+4915111000031";

        postInbound(phone, "wamid.halt-" + tenant, "halt", Instant.now().getEpochSecond());
        postInbound("+4915111000032", "wamid.stop-" + tenant, "STOP", Instant.now().getEpochSecond());

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("custom").asBoolean()).isTrue();
        assertRejectedWith(invalid, 422, "invalid-request");
        assertThat(invalid.json().get("errors").toString())
                .isEqualTo("{\"startWords\":\"also stop words: HALT\",\"stopReply\":\"is required\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(marketing(phone).path("status").asText()).isEqualTo("opted-out");
            assertThat(sendsTo(phone, "Halted.")).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> contact("+4915111000032") != null);
        assertThat(contact("+4915111000032").path("consent").isEmpty()).isTrue();
    }

    @Test
    void processingTheSameStopEventTwice_recordsOnce_andQueuesOneAnswer() {
        ObjectNode payload = JSON.createObjectNode().put("channel", "whatsapp-cloud")
                .put("messageId", "wamid.twice-" + tenant).put("from", "+4915111000041").put("kind", "text")
                .put("text", "STOP");
        CanonicalEvent event = new CanonicalEvent(tenant, "message.received", "whatsapp-cloud",
                "wamid.twice-" + tenant, Instant.now(), payload);
        HubEventHandler inbound = handlers.stream()
                .filter(h -> h.getClass().getSimpleName().startsWith("InboundMessageHandler")).findFirst()
                .orElseThrow();

        inbound.handle(event, 0);
        inbound.handle(event, 1);

        assertThat(marketing("+4915111000041").path("status").asText()).isEqualTo("opted-out");
        assertThat(sentMessages()).hasSize(1);
        assertThat(sentMessages().get(0).get("text").asText()).isEqualTo(STOP_REPLY);
        String id = contact("+4915111000041").get("id").asText();
        assertThat(get("/api/v1/tenants/" + tenant + "/contacts/" + id + "/conversation").json().get("items")
                .findValuesAsText("direction")).containsExactly("outbound", "inbound");
    }

    private Response postInbound(String phone, String wamid, String text, long timestamp) {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Customer %s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(phoneNumberId, phone, phone.substring(1), phone.substring(1), wamid, timestamp, text);
        Response response = postMeta(body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isIn(200, 202);
        return response;
    }

    private byte[] status(String wamid, String status, long timestamp) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},"statuses":[{"id":"%s",
                "status":"%s","timestamp":"%d","recipient_id":"16505551234"}]}}]}]}"""
                .formatted(phoneNumberId, wamid, status, timestamp).getBytes(StandardCharsets.UTF_8);
    }

    private Response postMeta(byte[] body) {
        return postWebhook("/webhooks/" + tenant + "/whatsapp-cloud", Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
    }

    private byte[] fixture(String name) throws Exception {
        String text = Files.readString(Path.of(getClass().getResource("/whatsapp/" + name).toURI()));
        return text.replace("106540352242922", phoneNumberId).getBytes(StandardCharsets.UTF_8);
    }

    /** The tenant's contact with this number, or null. */
    private JsonNode contact(String phone) {
        JsonNode items = get("/api/v1/tenants/" + tenant + "/contacts?search=" + phone.substring(1)).json()
                .get("items");
        for (JsonNode item : items) {
            if (item.get("phone").asText().equals(phone)) {
                return item;
            }
        }
        return null;
    }

    private JsonNode marketing(String phone) {
        JsonNode contact = contact(phone);
        return contact == null ? JSON.missingNode() : contact.path("consent").path("marketing");
    }

    private List<JsonNode> sentMessages() {
        List<JsonNode> list = new java.util.ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/messages").json().forEach(list::add);
        return list;
    }

    private int sendsTo(String phone, String text) {
        return graph.findAll(postRequestedFor(urlEqualTo("/v23.0/" + phoneNumberId + "/messages"))
                .withRequestBody(equalToJson("""
                        {"to":"%s","type":"text","text":{"body":"%s"}}""".formatted(phone.substring(1), text),
                        true, true))).size();
    }
}
