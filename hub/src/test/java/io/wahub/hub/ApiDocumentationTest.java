package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The OpenAPI description is generated from the code and served with a browsable UI, without signing in. */
class ApiDocumentationTest extends HubIntegrationTest {

    @Test
    void openApiDocument_listsTheApiAndItsSecuritySchemes() {
        Response docs = callAs(null, "GET", "/v3/api-docs", null);

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asText()).startsWith("3.");
        assertThat(docs.json().get("paths").has("/api/v1/tenants/{tenant}/usage")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/tenants/{tenant}/keys")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/session")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/plans")).isTrue();
        assertThat(docs.json().get("components").get("securitySchemes").has("apiKey")).isTrue();
    }

    @Test
    void swaggerUi_isServed() {
        Response ui = callAs(null, "GET", "/swagger-ui/index.html", null);

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    @Test
    void unknownApiPath_isProblemJson() {
        Response missing = get("/api/v1/no-such-thing");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void healthAndPanel_areOpen() {
        assertThat(callAs(null, "GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(callAs(null, "GET", "/index.html", null).status()).isNotIn(401, 403);
    }
}
