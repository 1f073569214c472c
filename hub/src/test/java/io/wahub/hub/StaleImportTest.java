package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.contact.StaleImports;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A contact import left {@code running} by a hub node that stopped (its spooled file went with it) does not stay
 * running for ever: once it has made no progress for the lease (10 minutes), the sweep any node runs fails it with
 * a reason, while an import whose node is still at work is left alone.
 */
class StaleImportTest extends HubIntegrationTest {

    private static final String GIVEN_UP = "the import made no progress for 10 min (the hub node running it"
            + " stopped); the contacts imported before are kept: import the file again to finish, rows already"
            + " imported are updated, not duplicated";

    @Autowired
    StaleImports staleImports;

    private String tenant;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId("stale-import");
        createTenant(tenant);
    }

    @Test
    void importWithoutProgressForTheLease_isFailedWithItsReason_oneStillAtWorkStaysRunning() {
        // Given an import whose node stopped 11 minutes after its last chunk, and one another node wrote to 2
        // minutes ago
        UUID abandoned = running(1000, "11 minutes");
        UUID atWork = running(3000, "2 minutes");

        // When the sweep runs
        staleImports.failStale();

        // Then the abandoned import is failed with the reason, its figures kept
        JsonNode failed = get(path(tenant, abandoned)).json();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("done").asBoolean()).isTrue();
        assertThat(failed.get("error").asText()).isEqualTo(GIVEN_UP);
        assertThat(failed.get("rowsRead").asLong()).isEqualTo(1000);
        assertThat(failed.hasNonNull("finishedAt")).isTrue();
        // And the one still at work goes on
        JsonNode running = get(path(tenant, atWork)).json();
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("done").asBoolean()).isFalse();
        // And a later sweep (another node's) leaves the failed import as it is
        staleImports.failStale();
        assertThat(get(path(tenant, abandoned)).json().get("finishedAt").asText())
                .isEqualTo(failed.get("finishedAt").asText());
    }

    @Test
    void anotherTenantsKey_cannotSeeTheFailedImport() {
        UUID abandoned = running(10, "11 minutes");
        staleImports.failStale();
        String other = uniqueTenantId("stale-import-other");
        createTenant(other);
        String otherKey = createKey(other, "{\"name\":\"other\",\"scopes\":[\"contacts:read\"]}");

        assertRejectedWith(callAs(otherKey, "GET", path(tenant, abandoned), null), 404, "tenant-not-found");
        assertRejectedWith(callAs(otherKey, "GET", path(other, abandoned), null), 404, "import-not-found");
    }

    /** An import as a node leaves it: running, with rows read, last progress {@code ago}. */
    private UUID running(long rowsRead, String ago) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO contact_import (tenant_id, id, status, rows_read, created, started_at, progress_at)
                        VALUES (:tenant, :id, 'running', :rows, :rows, now() - interval '1 hour',
                                now() - CAST(:ago AS interval))
                        """)
                .param("tenant", tenant).param("id", id).param("rows", rowsRead).param("ago", ago).update();
        return id;
    }

    private static String path(String tenant, UUID id) {
        return "/api/v1/tenants/" + tenant + "/contacts/imports/" + id;
    }
}
