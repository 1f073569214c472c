package io.wahub.hub.connector;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which tenant an app-level webhook's routing key (for WhatsApp Cloud: a {@code phone_number_id}) is routed to. A
 * key is routed to at most one tenant, and only to one that proved control of it or that the operator assigned it
 * to ({@link RouteClaims}); saving settings that name a key does not take it.
 */
@Repository
public class WebhookRouteRepository {

    private final JdbcClient jdbc;

    public WebhookRouteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant the key's events go to, if any. */
    public Optional<String> tenantFor(String connectorId, String routingKey) {
        return jdbc.sql("""
                        SELECT tenant_id FROM webhook_route WHERE connector_id = :connector AND routing_key = :key
                        """)
                .param("connector", connectorId).param("key", routingKey).query(String.class).optional();
    }

    /**
     * Routes the key to the tenant unless another tenant holds it.
     *
     * @return the tenant holding the key afterwards (the given one, or the one that held it before)
     */
    String takeIfFree(String tenantId, String connectorId, String routingKey) {
        jdbc.sql("""
                        INSERT INTO webhook_route (connector_id, routing_key, tenant_id)
                        VALUES (:connector, :key, :tenant)
                        ON CONFLICT (connector_id, routing_key) DO NOTHING
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("key", routingKey).update();
        return tenantFor(connectorId, routingKey).orElseThrow();
    }

    /** Routes the key to the tenant, whoever held it (the operator's decision). */
    void assign(String tenantId, String connectorId, String routingKey) {
        jdbc.sql("""
                        INSERT INTO webhook_route (connector_id, routing_key, tenant_id)
                        VALUES (:connector, :key, :tenant)
                        ON CONFLICT (connector_id, routing_key) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,
                                                                              updated_at = now()
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("key", routingKey).update();
    }

    /** Routes the key to nobody. */
    void release(String connectorId, String routingKey) {
        jdbc.sql("DELETE FROM webhook_route WHERE connector_id = :connector AND routing_key = :key")
                .param("connector", connectorId).param("key", routingKey).update();
    }

    /** Drops the tenant's routes of the connector other than {@code keep} (all of them when it is null). */
    void releaseOthers(String tenantId, String connectorId, String keep) {
        jdbc.sql("""
                        DELETE FROM webhook_route WHERE tenant_id = :tenant AND connector_id = :connector
                          AND routing_key IS DISTINCT FROM :keep
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("keep", keep).update();
    }
}
