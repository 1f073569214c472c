package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the flows that handle secrets — configuring credentials, refused and failing webhooks and deliveries, API
 * keys used, revoked and refused, wrong passwords, invitations — then searches everything logged for each secret.
 * Also checks credentials are stored encrypted and shown masked.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_NEVER_LOG_3b71c0";
    private static final String WHATSAPP_TOKEN = "EAAG_NEVER_LOG_token_99d1";
    private static final String WRONG_PASSWORD = "NEVER_LOG_wrong_password_5e2";

    @Autowired
    JdbcClient jdbc;

    @Test
    void noSecretAppearsInTheLog_storedEncrypted_shownMasked(CapturedOutput output) {
        String tenant = uniqueTenantId("secrets");
        String shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SHOPIFY_SECRET, shopDomain);
        Response channel = put("/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"1065","accessToken":"%s","baseUrl":"http://localhost:9"}}"""
                .formatted(WHATSAPP_TOKEN));
        assertThat(channel.status()).as(channel.body()).isEqualTo(200);
        enableFeature(tenant, "packing-list", true); // on the sandbox: its shipped template is approved at once
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");

        postShopify(tenant, "orders/create", "sec-bad", bytes(shopifyOrder()), "wrong-" + SHOPIFY_SECRET, shopDomain);
        postShopify(tenant, "orders/create", "sec-1", bytes(shopifyOrder()), SHOPIFY_SECRET, shopDomain);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/messages").json().findValuesAsText("status"))
                .containsExactly("dead"));
        Response created = post("/api/v1/tenants/" + tenant + "/keys", "{\"name\":\"ci\"}");
        String apiKey = created.json().get("secret").asText();
        callAs(apiKey, "GET", "/api/v1/tenants/" + tenant + "/messages", null);
        call("DELETE", "/api/v1/tenants/" + tenant + "/keys/" + created.json().get("key").get("id").asText(), null);
        callAs(apiKey, "GET", "/api/v1/tenants/" + tenant + "/messages", null);
        callAs(apiKey + "x", "GET", "/api/v1/tenants/" + tenant + "/messages", null);
        callAs(null, "POST", "/api/v1/session", "{\"email\":\"" + OPERATOR_EMAIL + "\",\"password\":\""
                + WRONG_PASSWORD + "\"}");
        String invitation = post("/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"x-" + tenant + "@example.com\",\"role\":\"member\"}").json().get("token").asText();

        String log = output.getAll();
        assertThat(log).as("the capture works").contains("Refused shopify webhook: BAD_SIGNATURE");
        for (String secret : List.of(SHOPIFY_SECRET, WHATSAPP_TOKEN, WRONG_PASSWORD, apiKey, invitation,
                OPERATOR_KEY, OPERATOR_PASSWORD)) {
            assertThat(log).as("log leaks a secret").doesNotContain(secret);
        }
        String stored = jdbc.sql("SELECT coalesce(secrets, '') || settings::text FROM extension_settings "
                + "WHERE tenant_id = :tenant").param("tenant", tenant).query(String.class).list().toString();
        assertThat(stored).doesNotContain(SHOPIFY_SECRET).doesNotContain(WHATSAPP_TOKEN);
        String shown = get("/api/v1/tenants/" + tenant + "/connectors").body();
        assertThat(shown).doesNotContain(SHOPIFY_SECRET).doesNotContain(WHATSAPP_TOKEN).contains("••••");
        String audit = get("/api/v1/tenants/" + tenant + "/audit").body();
        assertThat(audit).doesNotContain(SHOPIFY_SECRET).doesNotContain(WHATSAPP_TOKEN).doesNotContain(apiKey);
    }
}
