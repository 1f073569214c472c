package io.wahub.hub.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's aggregates, each one grouped query over a tenant's rows since a point in time (the messages by the
 * {@code message_latest} index, the events by {@code inbox_event_latest}); every query names the tenant.
 */
@Repository
class DashboardRepository {

    /** Messages created on one UTC day with one status, category and reason code (null for most). */
    record MessageCount(String day, String status, String category, String reason, long count) {
    }

    /** Events stored on one UTC day from one connector. */
    record EventCount(String day, String connector, long count) {
    }

    private final JdbcClient jdbc;

    DashboardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<MessageCount> messages(String tenantId, Instant since) {
        return jdbc.sql("""
                        SELECT (created_at AT TIME ZONE 'UTC')::date AS day, status, category, reason_code,
                               count(*) AS n
                        FROM message
                        WHERE tenant_id = :tenant AND created_at >= :since
                        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                        """)
                .param("tenant", tenantId).param("since", Timestamp.from(since))
                .query((rs, row) -> new MessageCount(rs.getObject("day", java.time.LocalDate.class).toString(),
                        rs.getString("status"), rs.getString("category"), rs.getString("reason_code"),
                        rs.getLong("n")))
                .list();
    }

    List<EventCount> events(String tenantId, Instant since) {
        return jdbc.sql("""
                        SELECT (received_at AT TIME ZONE 'UTC')::date AS day, source, count(*) AS n
                        FROM inbox_event
                        WHERE tenant_id = :tenant AND received_at >= :since
                        GROUP BY 1, 2 ORDER BY 1, 2
                        """)
                .param("tenant", tenantId).param("since", Timestamp.from(since))
                .query((rs, row) -> new EventCount(rs.getObject("day", java.time.LocalDate.class).toString(),
                        rs.getString("source"), rs.getLong("n")))
                .list();
    }
}
