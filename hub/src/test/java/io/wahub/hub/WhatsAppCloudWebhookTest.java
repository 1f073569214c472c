package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp Cloud API webhooks through the hub: the GET handshake, signed inbound messages into the inbox, statuses
 * applied to the outbox, and the app-level URL routing each change to its tenant by phone_number_id.
 */
class WhatsAppCloudWebhookTest extends HubIntegrationTest {

    private static final String TENANT_APP_SECRET = "tenant-own-app-secret";
    private static final String TENANT_VERIFY = "tenant-verify-token";
    private static final String SHOPIFY_SECRET = "shpss_wa_status_secret";
    private static final String FIXTURE_NUMBER_ID = "106540352242922";

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

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
    void tenantWithItsOwnNumber() {
        tenant = uniqueTenantId("wa");
        phoneNumberId = uniquePhoneNumberId();
        createShop(tenant, SHOPIFY_SECRET, tenant + ".myshopify.com");
        configureWhatsApp(tenant, phoneNumberId);
    }

    @Test
    void handshake_echoesTheChallengeForTheVerifyToken_andRefusesAnyOtherWith403() {
        Response ok = getWebhook("/webhooks/" + tenant + "/whatsapp-cloud?hub.mode=subscribe&hub.verify_token="
                + TENANT_VERIFY + "&hub.challenge=1158201444");
        Response wrong = getWebhook("/webhooks/" + tenant + "/whatsapp-cloud?hub.mode=subscribe"
                + "&hub.verify_token=guess&hub.challenge=1158201444");

        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.contentType()).startsWith("text/plain");
        assertRejectedWith(wrong, 403, "handshake-refused");
    }

    @Test
    void handshakeRefusals_forAnUnknownTenant_anUnconfiguredTenant_anUnknownConnector_andAWrongToken_areIdentical() {
        String bare = uniqueTenantId("wa-bare");
        createTenant(bare);
        String query = "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444";

        Response unknownTenant = getWebhook("/webhooks/" + uniqueTenantId("wa-ghost") + "/whatsapp-cloud" + query);
        Response unconfigured = getWebhook("/webhooks/" + bare + "/whatsapp-cloud" + query);
        Response unknownConnector = getWebhook("/webhooks/" + tenant + "/no-such-connector" + query);
        Response wrongToken = getWebhook("/webhooks/" + tenant + "/whatsapp-cloud" + query);

        assertRejectedWith(unknownTenant, 403, "handshake-refused");
        assertThat(unknownTenant.body()).isEqualTo("{\"type\":\"https://wahub.dev/problems/handshake-refused\","
                + "\"title\":\"Handshake refused\",\"status\":403,"
                + "\"detail\":\"The verification request could not be verified for this URL.\"}");
        for (Response other : List.of(unconfigured, unknownConnector, wrongToken)) {
            assertThat(other.status()).isEqualTo(unknownTenant.status());
            assertThat(other.contentType()).isEqualTo(unknownTenant.contentType());
            assertThat(other.body()).isEqualTo(unknownTenant.body());
        }
    }

    @Test
    void signedInboundText_isStoredOnceAsMessageReceived() throws Exception {
        byte[] body = forNumber("inbound-text.json", phoneNumberId);

        Response first = postMeta("/webhooks/" + tenant + "/whatsapp-cloud", body, TENANT_APP_SECRET);
        Response redelivery = postMeta("/webhooks/" + tenant + "/whatsapp-cloud", body, TENANT_APP_SECRET);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(redelivery.json().get("status").asText()).isEqualTo("duplicate");
        JsonNode events = get("/api/v1/tenants/" + tenant + "/events").json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("message.received");
    }

    @Test
    void forgedSignature_is401_andMalformedSignedBody_is400_andNothingStored() {
        byte[] body = forNumber("inbound-text.json", phoneNumberId);
        byte[] broken = "{\"object\":".getBytes(StandardCharsets.UTF_8);

        assertRejectedWith(postMeta("/webhooks/" + tenant + "/whatsapp-cloud", body, "wrong"), 401, "bad-signature");
        assertRejectedWith(postMeta("/webhooks/" + tenant + "/whatsapp-cloud", broken, TENANT_APP_SECRET), 400,
                "malformed-payload");
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).isEmpty();
    }

    @Test
    void statuses_moveTheSentMessageForwardAndRecordHistory_evenOutOfOrder() {
        String wamid = "wamid.status-test-" + tenant;
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid + "\"}]}")));
        enableFeature(tenant, "packing-list", true); // on the sandbox: its shipped template is approved at once
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        postShopify(tenant, "orders/create", "evt-wa-1", shopifyOrder().getBytes(StandardCharsets.UTF_8),
                SHOPIFY_SECRET, tenant + ".myshopify.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(message().path("status").asText()));

        postStatus(wamid, "read", "1779609700");
        postStatus(wamid, "delivered", "1779609650");
        Response again = postStatus(wamid, "read", "1779609700");

        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(message().get("status").asText()).isEqualTo("read");
            assertThat(history()).hasSize(4).startsWith("queued", "sent").contains("delivered", "read");
        });
    }

    @Test
    void statusOvertakingTheRecordedSend_isAppliedOnARetry() {
        String wamid = "wamid.race-" + tenant;
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid + "\"}]}")));
        enableFeature(tenant, "packing-list", true); // on the sandbox: its shipped template is approved at once
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);

        postStatus(wamid, "delivered", "1779609650");
        postShopify(tenant, "orders/create", "evt-race-1", shopifyOrder().getBytes(StandardCharsets.UTF_8),
                SHOPIFY_SECRET, tenant + ".myshopify.com");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(message().path("status").asText()).isEqualTo("delivered"));
    }

    @Test
    void appLevelUrl_routesEachChangeToItsTenant_andAcknowledgesUnknownNumbers() throws Exception {
        String other = uniqueTenantId("wa-other");
        String otherNumber = uniquePhoneNumberId();
        createTenant(other);
        configureWhatsApp(other, otherNumber);
        String mine = new String(forNumber("inbound-text.json", phoneNumberId), StandardCharsets.UTF_8);
        String body = mine.replace("\"entry\": [{", """
                "entry": [{"id": "2", "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
                  "metadata": {"phone_number_id": "%s"},
                  "statuses": [{"id": "wamid.OTHER", "status": "read", "timestamp": "1779609600",
                                "recipient_id": "4915112345678"}]}}]},
                {"id": "3", "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
                  "metadata": {"phone_number_id": "555000555000555"},
                  "statuses": [{"id": "wamid.NOBODY", "status": "sent", "timestamp": "1779609600",
                                "recipient_id": "4915112345678"}]}}]}, {""".formatted(otherNumber));

        Response ack = postMeta("/webhooks/apps/whatsapp-cloud/main", body.getBytes(StandardCharsets.UTF_8),
                META_APP_SECRET);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        assertThat(ack.json().get("reason").asText()).isEqualTo("no tenant for 555000555000555");
        assertThat(types(tenant)).containsExactly("message.received");
        assertThat(types(other)).containsExactly("message.status");
    }

    @Test
    void appLevelUrl_handshakeAndSignatureUseTheAppsConfiguration() {
        Response ok = getWebhook("/webhooks/apps/whatsapp-cloud/main?hub.mode=subscribe&hub.verify_token="
                + META_VERIFY_TOKEN + "&hub.challenge=42");
        Response unknownApp = getWebhook("/webhooks/apps/whatsapp-cloud/nope?hub.mode=subscribe"
                + "&hub.verify_token=x&hub.challenge=42");
        Response tenantsSecret = postMeta("/webhooks/apps/whatsapp-cloud/main",
                forNumber("inbound-text.json", phoneNumberId), TENANT_APP_SECRET);

        assertThat(ok.body()).isEqualTo("42");
        assertRejectedWith(unknownApp, 403, "handshake-refused");
        assertRejectedWith(tenantsSecret, 401, "bad-signature");
        assertThat(types(tenant)).isEmpty();
    }

    @Test
    void secondTenantProvingTheSameNumber_is409_andTheNumberStaysWithTheFirst() {
        String other = uniqueTenantId("wa-second");
        createTenant(other);

        Response response = put("/api/v1/tenants/" + other + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"EAAG-x","baseUrl":"%s"}}"""
                .formatted(phoneNumberId, graph.baseUrl()));
        postMeta("/webhooks/apps/whatsapp-cloud/main", forNumber("inbound-text.json", phoneNumberId), META_APP_SECRET);

        assertRejectedWith(response, 409, "routing-key-disputed");
        assertThat(types(tenant)).containsExactly("message.received");
        assertThat(types(other)).isEmpty();
    }

    @Test
    void aTenantTypingAnotherTenantsNumberWithoutProof_isNotRouted() {
        String other = uniqueTenantId("wa-thief");
        createTenant(other);

        Response response = put("/api/v1/tenants/" + other + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"EAAG-x","baseUrl":"https://graph.invalid"}}"""
                .formatted(phoneNumberId));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().at("/routing/status").asText()).isEqualTo("unverified");
        postMeta("/webhooks/apps/whatsapp-cloud/main", forNumber("inbound-text.json", phoneNumberId), META_APP_SECRET);
        assertThat(types(tenant)).containsExactly("message.received");
        assertThat(types(other)).isEmpty();
    }

    private Response postStatus(String wamid, String status, String timestamp) {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"statuses":[{"id":"%s","status":"%s","timestamp":"%s",
                "recipient_id":"4915112345678"}]}}]}]}""".formatted(phoneNumberId, wamid, status, timestamp);
        Response response = postMeta("/webhooks/" + tenant + "/whatsapp-cloud", body.getBytes(StandardCharsets.UTF_8),
                TENANT_APP_SECRET);
        assertThat(response.status()).as(response.body()).isIn(200, 202);
        return response;
    }

    private JsonNode message() {
        JsonNode list = get("/api/v1/tenants/" + tenant + "/messages").json();
        return list.isEmpty() ? JSON.missingNode() : list.get(0);
    }

    private List<String> history() {
        String id = message().get("id").asText();
        List<String> statuses = new ArrayList<>();
        JsonNode detail = get("/api/v1/tenants/" + tenant + "/messages/" + id).json();
        detail.path("history").forEach(h -> statuses.add(h.get("status").asText()));
        return statuses;
    }

    private List<String> types(String tenantId) {
        List<String> types = new ArrayList<>();
        get("/api/v1/tenants/" + tenantId + "/events").json().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    /** Configures the tenant's number, which the fake Graph API confirms for any token (the proof of control). */
    private void configureWhatsApp(String tenantId, String numberId) {
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        configureConnector(tenantId, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"%s","verifyToken":"%s"}"""
                .formatted(numberId, graph.baseUrl(), TENANT_APP_SECRET, TENANT_VERIFY));
    }

    private Response postMeta(String path, byte[] body, String secret) {
        return postWebhook(path, Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(secret, body))), body);
    }

    private static byte[] forNumber(String fixture, String numberId) {
        try {
            String text = Files.readString(Path.of(WhatsAppCloudWebhookTest.class.getResource("/whatsapp/" + fixture)
                    .toURI()));
            return text.replace(FIXTURE_NUMBER_ID, numberId).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
