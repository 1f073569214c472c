package io.wahub.hub.connector;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which tenant an app-level webhook's routing key (for WhatsApp Cloud: a {@code phone_number_id}) belongs to. A key
 * belongs to at most one tenant, so one tenant cannot receive another's messages by typing its number id.
 */
@Repository
public class WebhookRouteRepository {

    private final JdbcClient jdbc;

    public WebhookRouteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant owning {@code routingKey} for the connector, if any. */
    public Optional<String> tenantFor(String connectorId, String routingKey) {
        return jdbc.sql("""
                        SELECT tenant_id FROM webhook_route WHERE connector_id = :connector AND routing_key = :key
                        """)
                .param("connector", connectorId).param("key", routingKey).query(String.class).optional();
    }

    /**
     * Makes {@code routingKey} (or nothing, when empty) the tenant's only key for the connector.
     *
     * @return false when another tenant owns the key; nothing is changed then
     */
    public boolean claim(String tenantId, String connectorId, Optional<String> routingKey) {
        jdbc.sql("""
                        DELETE FROM webhook_route WHERE tenant_id = :tenant AND connector_id = :connector
                          AND routing_key IS DISTINCT FROM :key
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("key", routingKey.orElse(null))
                .update();
        if (routingKey.isEmpty()) {
            return true;
        }
        int claimed = jdbc.sql("""
                        INSERT INTO webhook_route (connector_id, routing_key, tenant_id)
                        VALUES (:connector, :key, :tenant)
                        ON CONFLICT (connector_id, routing_key) DO UPDATE SET updated_at = now()
                        WHERE webhook_route.tenant_id = EXCLUDED.tenant_id
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("key", routingKey.get()).update();
        return claimed == 1;
    }
}
