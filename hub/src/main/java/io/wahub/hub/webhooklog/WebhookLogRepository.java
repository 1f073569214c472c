package io.wahub.hub.webhooklog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code webhook_log} table: written by {@link WebhookLog}'s flush, read per tenant. */
@Repository
public class WebhookLogRepository {

    /**
     * One row of the log as the API shows it.
     *
     * @param outcome {@code refused}, {@code duplicate} or {@code ignored}
     * @param status  the HTTP status the caller was answered
     * @param reason  a stable code, e.g. {@code bad-signature}
     * @param count   how many identical webhooks this row stands for (received between {@code firstAt} and
     *                {@code lastAt})
     */
    public record LoggedWebhook(long id, String connector, String outcome, int status, String reason, String detail,
                                int count, Instant firstAt, Instant lastAt) {
    }

    /** Filters of {@link #latest}; {@code null} matches everything. */
    public record Filter(String connector, String outcome, String reason) {
    }

    private final JdbcClient jdbc;

    WebhookLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the folded rows in one statement, then keeps only each written tenant's newest {@code keep} rows (one
     * more statement). Rows of tenants deleted meanwhile are skipped by the join on {@code tenant}.
     */
    void write(List<WebhookLog.Row> rows, int keep) {
        jdbc.sql("""
                        INSERT INTO webhook_log (tenant_id, connector, outcome, status, reason, detail, count,
                                                 first_at, last_at)
                        SELECT r.tenant_id, r.connector, r.outcome, r.status, r.reason, r.detail, r.count,
                               r.first_at, r.last_at
                        FROM unnest(:tenants::text[], :connectors::text[], :outcomes::text[], :statuses::int[],
                                    :reasons::text[], :details::text[], :counts::int[], :firsts::timestamptz[],
                                    :lasts::timestamptz[])
                             AS r(tenant_id, connector, outcome, status, reason, detail, count, first_at, last_at)
                        JOIN tenant t ON t.id = r.tenant_id
                        """)
                .param("tenants", array("text", rows, WebhookLog.Row::tenantId))
                .param("connectors", array("text", rows, WebhookLog.Row::connector))
                .param("outcomes", array("text", rows, WebhookLog.Row::outcome))
                .param("statuses", array("int4", rows, WebhookLog.Row::status))
                .param("reasons", array("text", rows, WebhookLog.Row::reason))
                .param("details", array("text", rows, WebhookLog.Row::detail))
                .param("counts", array("int4", rows, WebhookLog.Row::count))
                .param("firsts", array("timestamptz", rows, row -> Timestamp.from(row.firstAt())))
                .param("lasts", array("timestamptz", rows, row -> Timestamp.from(row.lastAt())))
                .update();
        jdbc.sql("""
                        DELETE FROM webhook_log w
                        USING (SELECT tenant_id, id,
                                      row_number() OVER (PARTITION BY tenant_id ORDER BY last_at DESC, id DESC) AS n
                               FROM webhook_log WHERE tenant_id = ANY (:tenants::text[])) old
                        WHERE w.tenant_id = old.tenant_id AND w.id = old.id AND old.n > :keep
                        """)
                .param("tenants", new SqlArrayValue("text",
                        rows.stream().map(WebhookLog.Row::tenantId).distinct().toArray()))
                .param("keep", keep)
                .update();
    }

    /** The tenant's newest rows, newest first. */
    public List<LoggedWebhook> latest(String tenantId, Filter filter, int limit) {
        return jdbc.sql("""
                        SELECT id, connector, outcome, status, reason, detail, count, first_at, last_at
                        FROM webhook_log
                        WHERE tenant_id = :tenant
                          AND (CAST(:connector AS text) IS NULL OR connector = :connector)
                          AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                          AND (CAST(:reason AS text) IS NULL OR reason = :reason)
                        ORDER BY last_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenantId)
                .param("connector", filter.connector())
                .param("outcome", filter.outcome())
                .param("reason", filter.reason())
                .param("limit", limit)
                .query(WebhookLogRepository::row).list();
    }

    /** Each connector's newest row of the tenant. */
    public Map<String, LoggedWebhook> lastPerConnector(String tenantId) {
        return jdbc.sql("""
                        SELECT DISTINCT ON (connector) id, connector, outcome, status, reason, detail, count,
                               first_at, last_at
                        FROM webhook_log WHERE tenant_id = :tenant
                        ORDER BY connector, last_at DESC, id DESC
                        """)
                .param("tenant", tenantId)
                .query(WebhookLogRepository::row).list().stream()
                .collect(Collectors.toMap(LoggedWebhook::connector, Function.identity()));
    }

    /**
     * Each connector's newest stored event among the tenant's latest {@code recent} events (a bounded index scan of
     * {@code inbox_event_latest}, however many events the tenant has): connector → (received at, event status).
     */
    public Map<String, LoggedWebhook> lastStored(String tenantId, int recent) {
        return jdbc.sql("""
                        SELECT DISTINCT ON (source) source, status, received_at
                        FROM (SELECT source, status, received_at FROM inbox_event WHERE tenant_id = :tenant
                              ORDER BY received_at DESC LIMIT :recent) latest
                        ORDER BY source, received_at DESC
                        """)
                .param("tenant", tenantId).param("recent", recent)
                .query((rs, n) -> new LoggedWebhook(0, rs.getString("source"), "accepted", 202, "event-" +
                        rs.getString("status"), null, 1, rs.getTimestamp("received_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant()))
                .list().stream()
                .collect(Collectors.toMap(LoggedWebhook::connector, Function.identity()));
    }

    /**
     * Refused webhooks per UTC day and connector since {@code since} (summed counts), for the dashboard.
     *
     * @return rows of (day, connector, outcome, count)
     */
    public List<DailyCount> daily(String tenantId, Instant since) {
        return jdbc.sql("""
                        SELECT (last_at AT TIME ZONE 'UTC')::date AS day, connector, outcome, sum(count) AS n
                        FROM webhook_log WHERE tenant_id = :tenant AND last_at >= :since
                        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        """)
                .param("tenant", tenantId)
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new DailyCount(rs.getObject("day", java.time.LocalDate.class).toString(),
                        rs.getString("connector"), rs.getString("outcome"), rs.getLong("n")))
                .list();
    }

    /** A day's count of one connector and outcome. */
    public record DailyCount(String day, String connector, String outcome, long count) {
    }

    private static LoggedWebhook row(ResultSet rs, int n) throws SQLException {
        return new LoggedWebhook(rs.getLong("id"), rs.getString("connector"), rs.getString("outcome"),
                rs.getInt("status"), rs.getString("reason"), rs.getString("detail"), rs.getInt("count"),
                rs.getTimestamp("first_at").toInstant(), rs.getTimestamp("last_at").toInstant());
    }

    private static SqlArrayValue array(String type, List<WebhookLog.Row> rows,
                                       Function<WebhookLog.Row, Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }
}
