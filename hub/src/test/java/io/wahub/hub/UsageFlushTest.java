package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Usage is billing data: counts the database refused to store stay counted in memory and are written by a later
 * flush, exactly once.
 */
class UsageFlushTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_usage_flush";

    @Autowired
    JdbcClient jdbc;

    private String tenant;
    private String refusals;

    @AfterEach
    void acceptUsageAgain() {
        jdbc.sql("DROP TRIGGER IF EXISTS refuse_usage ON usage_daily").update();
        jdbc.sql("DROP SEQUENCE IF EXISTS " + refusals).update();
    }

    @Test
    void webhooksCountedWhileTheDatabaseRefusesUsage_areWrittenOnceItAcceptsAgain_exactlyOnce() {
        // Given a shop whose usage rows the database refuses to write (a trigger raising an error, counting its
        // refusals in a sequence, which no rollback undoes)
        tenant = uniqueTenantId("usage");
        createShop(tenant, SECRET, tenant + ".myshopify.com");
        refusals = "usage_refusals_" + tenant.replace('-', '_');
        jdbc.sql("CREATE SEQUENCE " + refusals).update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_usage() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.tenant_id = '%s' THEN
                        PERFORM nextval('%s');
                        RAISE EXCEPTION 'usage refused for the test';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(tenant, refusals)).update();
        jdbc.sql("""
                CREATE TRIGGER refuse_usage BEFORE INSERT OR UPDATE ON usage_daily
                FOR EACH ROW EXECUTE FUNCTION refuse_usage()""").update();

        // When three webhooks are received, and the usage flush (every second) has been refused at least twice
        for (int i = 1; i <= 3; i++) {
            Response ack = postShopify(tenant, "orders/create", "evt-" + tenant + "-" + i,
                    shopifyOrder(7_000_000L + i).getBytes(StandardCharsets.UTF_8), SECRET,
                    tenant + ".myshopify.com");
            assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> refused() >= 2);
        assertThat(stored()).as("nothing stored while refused").isZero();

        // Then, once the database accepts usage again, the three are written, once
        jdbc.sql("DROP TRIGGER refuse_usage ON usage_daily").update();
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooksReceived() == 3);
        assertThat(webhooksReceived()).as("a further flush adds nothing").isEqualTo(3);
        assertThat(stored()).isEqualTo(3);
    }

    private long refused() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + refusals)
                .query(Long.class).single();
    }

    /** The tenant's webhooks.received rows in the database, summed. */
    private long stored() {
        return jdbc.sql("""
                        SELECT coalesce(sum(amount), 0) FROM usage_daily
                        WHERE tenant_id = :tenant AND metric = 'webhooks.received'
                        """)
                .param("tenant", tenant).query(Long.class).single();
    }

    /** The month's webhooks.received total as the usage API shows it (which flushes first). */
    private long webhooksReceived() {
        Response usage = get("/api/v1/tenants/" + tenant + "/usage");
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        JsonNode total = usage.json().path("totals").path("webhooks.received");
        return total.isMissingNode() ? 0 : total.asLong();
    }
}
