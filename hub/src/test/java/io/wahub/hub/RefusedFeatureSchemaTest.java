package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.testplugin.NotesFeature;
import io.wahub.hub.testplugin.TestPluginJar;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A plugin whose migration creates a table without {@code tenant_id}: the hub starts, and the feature is refused,
 * its API answering 503 with the reason naming the table. On a database of its own (an embedded server): the other
 * tests' notes schema already holds the well-formed migration.
 */
@DirtiesContext
class RefusedFeatureSchemaTest extends HubIntegrationTest {

    @DynamicPropertySource
    static void notesPluginWithoutTenantColumn(DynamicPropertyRegistry registry) {
        registry.add("wahub.plugins.dir", () -> TestPluginJar.notesPluginDir(Map.of("V1__notes.sql",
                "CREATE TABLE notes (id bigint PRIMARY KEY, text text NOT NULL);")).toString());
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }

    @Test
    void featureWhoseTableLacksTenantId_isRefused_andItsApiAnswers503NamingTheTable() {
        String tenant = uniqueTenantId("refused");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}").status()).isEqualTo(200);
        enableFeature(tenant, NotesFeature.ID, true);

        Response response = get("/api/v1/tenants/" + tenant + "/features/test-notes/notes");

        assertRejectedWith(response, 503, "feature-unavailable");
        assertThat(response.json().get("detail").asText()).isEqualTo("Feature 'test-notes' is refused: table "
                + "feature_test_notes.notes has no column tenant_id text not null, which every table of a feature "
                + "needs (row-level security keeps each tenant to its rows by it)");
    }
}
