package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.Hmac;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refused webhook answers problem+json with its own status and leaves nothing stored or sent. */
class WebhookRejectionTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_rejection_secret";

    private String tenant;
    private String shopDomain;

    @BeforeEach
    void shop() {
        tenant = uniqueTenantId("reject");
        shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
        enableFeature(tenant, "packing-list", true);
    }

    @Test
    void wrongSignature_is401AndNothingStored() {
        Response response = postShopify(tenant, "orders/create", "e1", bytes(shopifyOrder()), "not-the-secret",
                shopDomain);

        assertProblem(response, 401, "bad-signature");
        assertNothingStored(tenant);
    }

    @Test
    void missingSignature_is401AndNothingStored() {
        Response response = postShopify(tenant, "orders/create", "e2", bytes(shopifyOrder()), null, shopDomain);

        assertProblem(response, 401, "bad-signature");
        assertNothingStored(tenant);
    }

    @Test
    void bodyAlteredAfterSigning_is401() {
        byte[] signedFor = bytes(shopifyOrder());
        String tampered = shopifyOrder().replace("\"44.98\"", "\"0.01\"");
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/webhooks/" + tenant + "/shopify"))
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-Event-Id", "e3")
                .header("X-Shopify-Hmac-Sha256", io.wahub.sdk.Hmac.base64(io.wahub.sdk.Hmac.sha256(SECRET, signedFor)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(tampered)).build();

        assertProblem(send(request), 401, "bad-signature");
        assertNothingStored(tenant);
    }

    @Test
    void malformedJsonCorrectlySigned_is400AndNothingStored() {
        Response response = postShopify(tenant, "orders/create", "e4", bytes("{\"id\": 12, \"line_items\": ["),
                SECRET, shopDomain);

        assertProblem(response, 400, "malformed-payload");
        assertNothingStored(tenant);
    }

    @Test
    void bodyOverOneMebibyte_is413AndNothingStored() {
        Response response = postShopify(tenant, "orders/create", "e5", ShopifyOrderToWhatsAppTest.oversized(),
                SECRET, shopDomain);

        assertProblem(response, 413, "payload-too-large");
        assertNothingStored(tenant);
    }

    @Test
    void unknownTenant_unconfiguredConnector_unknownConnector_andWrongSignature_answerByteIdentically() {
        String bare = uniqueTenantId("bare");
        createTenant(bare); // exists, but has not set up Shopify
        byte[] order = bytes(shopifyOrder());

        Response unknownTenant = postShopify(uniqueTenantId("ghost"), "orders/create", "e6", order, SECRET,
                shopDomain);
        Response unconfigured = postShopify(bare, "orders/create", "e6", order, SECRET, shopDomain);
        Response unknownConnector = postWebhook("/webhooks/" + tenant + "/no-such-connector",
                Map.of("Content-Type", "application/json", "X-Shopify-Topic", "orders/create",
                        "X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.sha256(SECRET, order))), order);
        Response wrongSignature = postShopify(tenant, "orders/create", "e6", order, "not-the-secret", shopDomain);

        assertProblem(unknownTenant, 401, "bad-signature");
        assertThat(unknownTenant.body()).isEqualTo("{\"type\":\"https://wahub.dev/problems/bad-signature\","
                + "\"title\":\"Invalid signature\",\"status\":401,"
                + "\"detail\":\"The webhook could not be verified for this URL; nothing was stored.\"}");
        for (Response other : List.of(unconfigured, unknownConnector, wrongSignature)) {
            assertThat(other.status()).isEqualTo(unknownTenant.status());
            assertThat(other.contentType()).isEqualTo(unknownTenant.contentType());
            assertThat(other.body()).isEqualTo(unknownTenant.body());
        }
        assertNothingStored(bare);
        assertNothingStored(tenant);
    }

    @Test
    void anotherTenantsUrlWithThisTenantsSecret_is401AndNothingStoredThere() {
        String other = uniqueTenantId("other");
        createShop(other, "shpss_the_other_shops_secret", other + ".myshopify.com");

        Response response = postShopify(other, "orders/create", "e7", bytes(shopifyOrder()), SECRET,
                other + ".myshopify.com");

        assertProblem(response, 401, "bad-signature");
        assertNothingStored(other);
        assertNothingStored(tenant);
    }

    @Test
    void correctlySignedFromAnotherShop_is403() {
        Response response = postShopify(tenant, "orders/create", "e8", bytes(shopifyOrder()), SECRET,
                "someone-else.myshopify.com");

        assertProblem(response, 403, "foreign-source");
        assertNothingStored(tenant);
    }

    private void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://wahub.dev/problems/" + type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    private void assertNothingStored(String tenantId) {
        // give an (erroneously) stored event time to be dispatched before checking that nothing went out
        try {
            Thread.sleep(Duration.ofMillis(300));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(get("/api/v1/tenants/" + tenantId + "/events").json()).isEmpty();
        assertThat(get("/api/v1/tenants/" + tenantId + "/messages").json()).isEmpty();
    }
}
