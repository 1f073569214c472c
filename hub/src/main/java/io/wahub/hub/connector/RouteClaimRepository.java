package io.wahub.hub.connector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tenants' claims of routing keys and what became of them ({@code webhook_route_claim}, statuses described in
 * {@code V27__webhook_route_claims.sql}). One claim per tenant, connector and key; a tenant's claims of keys its
 * settings no longer name are dropped.
 */
@Repository
public class RouteClaimRepository {

    /** A claim with the tenant the key is routed to now ({@code holder}, null when none). */
    public record Claim(String connectorId, String routingKey, String tenantId, String status, String detail,
                        String holder, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    public RouteClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's claim of {@code routingKey}, if it made one. */
    Optional<Claim> find(String tenantId, String connectorId, String routingKey) {
        return jdbc.sql(SELECT + " WHERE c.tenant_id = :tenant AND c.connector_id = :connector AND c.routing_key = :key")
                .param("tenant", tenantId).param("connector", connectorId).param("key", routingKey)
                .query(RouteClaimRepository::map).optional();
    }

    /** Every claim, or those with {@code status}, the newest first; at most {@code limit}. */
    List<Claim> list(Optional<String> status, int limit) {
        return jdbc.sql(SELECT + " WHERE (CAST(:status AS text) IS NULL OR c.status = :status)"
                        + " ORDER BY c.updated_at DESC, c.connector_id, c.routing_key LIMIT :limit")
                .param("status", status.orElse(null)).param("limit", limit)
                .query(RouteClaimRepository::map).list();
    }

    /** Every claim of one key. */
    List<Claim> ofKey(String connectorId, String routingKey) {
        return jdbc.sql(SELECT + " WHERE c.connector_id = :connector AND c.routing_key = :key ORDER BY c.created_at")
                .param("connector", connectorId).param("key", routingKey).query(RouteClaimRepository::map).list();
    }

    /** Creates or updates the tenant's claim. */
    void save(String tenantId, String connectorId, String routingKey, String status, String detail) {
        jdbc.sql("""
                        INSERT INTO webhook_route_claim (connector_id, routing_key, tenant_id, status, detail)
                        VALUES (:connector, :key, :tenant, :status, :detail)
                        ON CONFLICT (connector_id, routing_key, tenant_id)
                        DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail, updated_at = now()
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("key", routingKey)
                .param("status", status).param("detail", detail).update();
    }

    /** Drops the tenant's claims of the connector's keys other than {@code keep} (all when it is null). */
    void dropOthers(String tenantId, String connectorId, String keep) {
        jdbc.sql("""
                        DELETE FROM webhook_route_claim WHERE tenant_id = :tenant AND connector_id = :connector
                          AND routing_key IS DISTINCT FROM :keep
                        """)
                .param("tenant", tenantId).param("connector", connectorId).param("keep", keep).update();
    }

    private static final String SELECT = """
            SELECT c.connector_id, c.routing_key, c.tenant_id, c.status, c.detail, c.updated_at, r.tenant_id AS holder
            FROM webhook_route_claim c
            LEFT JOIN webhook_route r ON r.connector_id = c.connector_id AND r.routing_key = c.routing_key
            """;

    private static Claim map(ResultSet rs, int row) throws SQLException {
        return new Claim(rs.getString("connector_id"), rs.getString("routing_key"), rs.getString("tenant_id"),
                rs.getString("status"), rs.getString("detail"), rs.getString("holder"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
