package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Connector and feature settings: drawn from the plugin's schema, validated, secrets write-only and encrypted. */
class SettingsApiTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String tenant;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId("settings");
        Response created = post("/api/v1/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Settings " + tenant + "\"}");
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void connectorList_describesSettingsAsJsonSchema() {
        var shopify = connector("shopify");

        assertThat(shopify.get("kind").asText()).isEqualTo("webhook");
        assertThat(shopify.get("webhookUrl").asText()).isEqualTo("/webhooks/" + tenant + "/shopify");
        assertThat(shopify.get("configured").asBoolean()).isFalse();
        var schema = shopify.get("settingsSchema");
        assertThat(schema.at("/properties/webhookSecret/x-secret").asBoolean()).isTrue();
        assertThat(schema.at("/properties/webhookSecret/writeOnly").asBoolean()).isTrue();
        assertThat(schema.get("required").toString()).contains("webhookSecret", "shopDomain");
        assertThat(schema.at("/properties/defaultCountry/default").asText()).isEqualTo("US");
    }

    @Test
    void secretIsMaskedInTheApiAndEncryptedInTheDatabase() {
        put("/api/v1/tenants/" + tenant + "/connectors/shopify",
                "{\"settings\":{\"webhookSecret\":\"shpss_plaintext_never_shown\",\"shopDomain\":\"s.myshopify.com\"}}");

        var settings = connector("shopify").get("settings");
        assertThat(settings.get("webhookSecret").asText()).isEqualTo("••••");
        assertThat(settings.get("shopDomain").asText()).isEqualTo("s.myshopify.com");
        String stored = jdbc.sql("SELECT settings::text || coalesce(secrets, '') FROM extension_settings "
                        + "WHERE tenant_id = :t AND extension_id = 'shopify'")
                .param("t", tenant).query(String.class).single();
        assertThat(stored).doesNotContain("shpss_plaintext_never_shown").contains("test:");
    }

    @Test
    void savingWithSecretLeftMasked_keepsTheStoredSecret() {
        put("/api/v1/tenants/" + tenant + "/connectors/shopify",
                "{\"settings\":{\"webhookSecret\":\"first-secret\",\"shopDomain\":\"a.myshopify.com\"}}");

        Response second = put("/api/v1/tenants/" + tenant + "/connectors/shopify",
                "{\"settings\":{\"webhookSecret\":\"••••\",\"shopDomain\":\"b.myshopify.com\"}}");

        assertThat(second.status()).isEqualTo(200);
        byte[] body = "{\"id\":1,\"name\":\"#1\",\"line_items\":[]}".getBytes();
        assertThat(postShopify(tenant, "orders/create", "keep-1", body, "first-secret", "b.myshopify.com").status())
                .isEqualTo(202);
    }

    @Test
    void missingRequiredSetting_is422WithErrorKeyedByField() {
        Response response = put("/api/v1/tenants/" + tenant + "/connectors/shopify",
                "{\"settings\":{\"shopDomain\":\"s.myshopify.com\"}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://wahub.dev/problems/invalid-settings");
        assertThat(response.json().at("/errors/webhookSecret").asText()).isNotBlank();
        assertThat(connector("shopify").get("configured").asBoolean()).isFalse();
    }

    @Test
    void whitespaceOnlyText_is422WithTheFieldsError_andNothingIsSaved() {
        Response response = put("/api/v1/tenants/" + tenant + "/connectors/shopify",
                "{\"settings\":{\"webhookSecret\":\"   \",\"shopDomain\":\" \\t \"}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/webhookSecret").asText()).isEqualTo("must not be only spaces");
        assertThat(response.json().at("/errors/shopDomain").asText()).isEqualTo("must not be only spaces");
        assertThat(connector("shopify").get("configured").asBoolean()).isFalse();
    }

    @Test
    void unknownAndMistypedSettings_are422() {
        Response unknown = put("/api/v1/tenants/" + tenant + "/features/packing-list",
                "{\"settings\":{\"colour\":\"blue\"}}");
        Response mistyped = put("/api/v1/tenants/" + tenant + "/features/packing-list",
                "{\"settings\":{\"includePrices\":{\"not\":\"a boolean\"}}}");

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/errors/colour").asText()).isEqualTo("unknown setting");
        assertThat(mistyped.status()).isEqualTo(422);
        assertThat(mistyped.json().at("/errors/includePrices").asText()).isEqualTo("must be of type boolean");
    }

    @Test
    void unknownTenantOrConnector_is404Problem() {
        assertThat(get("/api/v1/tenants/nobody-here/connectors").status()).isEqualTo(404);
        Response response = put("/api/v1/tenants/" + tenant + "/connectors/telegraph", "{\"settings\":{}}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).isEqualTo("https://wahub.dev/problems/connector-not-found");
    }

    @Test
    void invalidTenantId_is422WithFieldError() {
        Response response = post("/api/v1/tenants", "{\"id\":\"Not Valid!\",\"name\":\"x\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/errors/id").asText()).contains("lowercase");
    }

    private com.fasterxml.jackson.databind.JsonNode connector(String id) {
        for (var connector : get("/api/v1/tenants/" + tenant + "/connectors").json()) {
            if (connector.get("id").asText().equals(id)) {
                return connector;
            }
        }
        throw new AssertionError("no connector " + id);
    }
}
