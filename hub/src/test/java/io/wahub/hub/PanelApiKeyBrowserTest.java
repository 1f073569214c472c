package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Creating and revoking a scoped API key in the panel, in real headless Chromium. */
class PanelApiKeyBrowserTest extends HubIntegrationTest {

    @Test
    void keyMadeInThePanel_hasTheChosenScopesAndExpiry_andOnceRevokedItsSecretIsRefused() {
        String tenant = uniqueTenantId("keys");
        createTenant(tenant);
        Instant before = Instant.now();

        PanelBrowser.Report report = PanelBrowser.run("api-key", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        var key = get("/api/v1/tenants/" + tenant + "/keys").json().path(0);
        assertThat(key.path("name").asText()).isEqualTo("shop backend");
        var scopes = new java.util.ArrayList<String>();
        key.path("scopes").forEach(scope -> scopes.add(scope.asText()));
        assertThat(scopes).containsExactlyInAnyOrder("tenant:read", "usage:read", "contacts:read");
        assertThat(Instant.parse(key.path("expiresAt").asText()))
                .isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
        assertThat(report.facts().path("cells").path(2).asText()).isEqualTo("tenant:read, usage:read, contacts:read");
        assertThat(key.path("revokedAt").isMissingNode() || key.path("revokedAt").isNull()).isFalse();
        Response refused = callAs(report.facts().path("secret").asText(), "GET", "/api/v1/tenants/" + tenant, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(report.errors()).isEmpty();
    }
}
