package io.wahub.hub.catchup;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cursor and lease of each (tenant, poller) catch-up poll. A lease lets one node poll a tenant at a time; an
 * expired lease (a node died mid-poll) frees the row again.
 */
@Repository
public class ConnectorPollRepository {

    /** A claimed poll: whose, and where the previous one stopped. */
    public record Claimed(String tenantId, String cursor) {
    }

    private final JdbcClient jdbc;

    public ConnectorPollRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers every active tenant that saved settings for {@code pollerId}, then leases up to {@code limit} of
     * their polls that are due and not leased.
     */
    public List<Claimed> claimDue(String pollerId, Duration lease, int limit) {
        jdbc.sql("""
                        INSERT INTO connector_poll (tenant_id, poller_id)
                        SELECT s.tenant_id, s.extension_id FROM extension_settings s JOIN tenant t ON t.id = s.tenant_id
                        WHERE s.extension_id = :poller AND t.status = 'active'
                        ON CONFLICT (tenant_id, poller_id) DO NOTHING
                        """)
                .param("poller", pollerId).update();
        return jdbc.sql("""
                        UPDATE connector_poll SET lease_until = now() + make_interval(secs => :lease)
                        WHERE (tenant_id, poller_id) IN (
                            SELECT p.tenant_id, p.poller_id FROM connector_poll p
                            JOIN extension_settings s ON s.tenant_id = p.tenant_id AND s.extension_id = p.poller_id
                            WHERE p.poller_id = :poller AND p.next_poll_at <= now()
                              AND (p.lease_until IS NULL OR p.lease_until < now())
                            ORDER BY p.next_poll_at LIMIT :limit
                            FOR UPDATE OF p SKIP LOCKED)
                        RETURNING tenant_id, cursor
                        """)
                .param("poller", pollerId).param("lease", lease.toSeconds()).param("limit", limit)
                .query((rs, n) -> new Claimed(rs.getString("tenant_id"), rs.getString("cursor"))).list();
    }

    /** Stores the new cursor and schedules the next poll. */
    public void completed(String tenantId, String pollerId, String cursor, Duration interval) {
        jdbc.sql("""
                        UPDATE connector_poll SET cursor = :cursor, lease_until = NULL, last_error = NULL,
                               polled_at = now(), next_poll_at = now() + make_interval(secs => :interval)
                        WHERE tenant_id = :tenant AND poller_id = :poller
                        """)
                .param("tenant", tenantId).param("poller", pollerId).param("cursor", cursor)
                .param("interval", interval.toSeconds()).update();
    }

    /** Keeps the cursor, records the error, and tries again after {@code interval}. */
    public void failed(String tenantId, String pollerId, String error, Duration interval) {
        jdbc.sql("""
                        UPDATE connector_poll SET lease_until = NULL, last_error = :error, polled_at = now(),
                               next_poll_at = now() + make_interval(secs => :interval)
                        WHERE tenant_id = :tenant AND poller_id = :poller
                        """)
                .param("tenant", tenantId).param("poller", pollerId).param("error", error)
                .param("interval", interval.toSeconds()).update();
    }
}
