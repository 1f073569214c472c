package io.wahub.hub.metering;

import io.wahub.hub.db.RelaxedCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The monthly message counters ({@code message_quota}): per tenant and UTC month, the messages stored and how many
 * of them were blocked for exceeding the quota. The month is PostgreSQL's current UTC month, the same clock that
 * stamps the messages' {@code created_at}.
 */
@Repository
class QuotaCounters {

    /**
     * A tenant's counter of one month.
     *
     * @param stored  messages stored, blocked ones included
     * @param blocked messages stored as blocked for exceeding the quota
     * @param released messages that ended dead or suppressed for another reason (never sent: they give their unit
     *                 back; kept by a trigger, see V41)
     */
    record Counter(String tenantId, long stored, long blocked, long released) {

        /** What counts against the quota: the messages sent or still on their way. */
        long used() {
            return stored - blocked - released;
        }
    }

    private static final String ADD = """
            INSERT INTO message_quota AS q (tenant_id, month, stored)
            SELECT s.tenant_id, date_trunc('month', now() AT TIME ZONE 'UTC')::date, s.stored
            FROM unnest(?::text[], ?::int[]) WITH ORDINALITY AS s(tenant_id, stored, n)
            ORDER BY s.n
            ON CONFLICT (tenant_id, month) DO UPDATE SET stored = q.stored + excluded.stored
            RETURNING q.tenant_id, q.stored, q.blocked, q.released
            """;

    private final JdbcClient jdbc;
    private final RelaxedCommit relaxed;

    QuotaCounters(JdbcClient jdbc, RelaxedCommit relaxed) {
        this.jdbc = jdbc;
        this.relaxed = relaxed;
    }

    /**
     * Adds newly stored messages to the tenants' counters of the current month (creating them), in one statement,
     * and returns the counters as they are now. Each row stays locked until the transaction ends, so a concurrent
     * transaction adding to the same tenant waits, then sees this one's count: that is what makes the quota exact.
     * The rows are locked in tenant order, so two batches of several tenants cannot deadlock.
     *
     * @param stored messages stored per tenant, in tenant order
     */
    List<Counter> add(SortedMap<String, Integer> stored) {
        return jdbc.sql(ADD)
                .param(new SqlArrayValue("text", stored.keySet().toArray()))
                .param(new SqlArrayValue("int4", stored.values().toArray()))
                .query(QuotaCounters::counter).list();
    }

    /**
     * {@link #add} as a transaction of its own that commits without waiting for the disk, in one round trip
     * ({@link RelaxedCommit#alone}): the rows are locked only while PostgreSQL runs it. Not inside a transaction. Safe
     * to lose in a crash: whatever was stored after it commits later, and the log keeps commits in order.
     */
    List<Counter> addAlone(SortedMap<String, Integer> stored) {
        return relaxed.alone(ADD, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", stored.keySet().toArray()));
            statement.setArray(2, statement.getConnection().createArrayOf("int4", stored.values().toArray()));
        }, new RowMapperResultSetExtractor<>(QuotaCounters::counter));
    }

    /** Takes messages added to the current month's counters back off them (they were not stored after all). */
    void giveBack(SortedMap<String, Integer> unused) {
        thisMonth("stored = greatest(q.stored - d.n, 0)", unused);
    }

    /** Counts messages of the current month as blocked; call after {@link #add} in the same transaction. */
    void block(SortedMap<String, Integer> blocked) {
        thisMonth("blocked = q.blocked + d.n", blocked);
    }

    /** Applies {@code set} to each tenant's counter of the current month, {@code d.n} being the tenant's count. */
    private void thisMonth(String set, SortedMap<String, Integer> counts) {
        jdbc.sql("UPDATE message_quota q SET " + set + """

                        FROM unnest(:tenants::text[], :counts::int[]) AS d(tenant_id, n)
                        WHERE q.tenant_id = d.tenant_id
                          AND q.month = date_trunc('month', now() AT TIME ZONE 'UTC')::date
                        """)
                .param("tenants", new SqlArrayValue("text", counts.keySet().toArray()))
                .param("counts", new SqlArrayValue("int4", counts.values().toArray()))
                .update();
    }

    /** The tenant's counter of {@code month} (zeros for a month without messages). */
    Counter find(String tenantId, YearMonth month) {
        return jdbc.sql("""
                        SELECT tenant_id, stored, blocked, released FROM message_quota
                        WHERE tenant_id = :tenant AND month = :month
                        """)
                .param("tenant", tenantId).param("month", month.atDay(1))
                .query(QuotaCounters::counter).optional().orElse(new Counter(tenantId, 0, 0, 0));
    }

    /** The counters of {@code month} of the tenants that have one. */
    List<Counter> findAll(java.util.Collection<String> tenantIds, YearMonth month) {
        return jdbc.sql("""
                        SELECT tenant_id, stored, blocked, released FROM message_quota
                        WHERE tenant_id = ANY(:tenants) AND month = :month
                        """)
                .param("tenants", new SqlArrayValue("text", tenantIds.toArray())).param("month", month.atDay(1))
                .query(QuotaCounters::counter).list();
    }

    private static Counter counter(ResultSet rs, int row) throws SQLException {
        return new Counter(rs.getString("tenant_id"), rs.getLong("stored"), rs.getLong("blocked"),
                rs.getLong("released"));
    }
}
