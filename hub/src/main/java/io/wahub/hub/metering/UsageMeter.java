package io.wahub.hub.metering;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts usage per tenant, UTC day and metric. Hot paths only bump an in-memory counter; the counters are added to
 * {@code usage_daily} every second (and at shutdown) in one upsert statement, so thousands of webhooks per second
 * do not fight over the same row. Several nodes add up correctly because each adds its own deltas.
 *
 * <p>Usage is billing data: a flush takes the deltas out of the counters, and should the write fail (the database
 * unreachable or refusing), adds them back, so the next flush writes them. The write is one statement, so it
 * commits every delta or none, and no delta is written twice.
 */
@Component
public class UsageMeter {

    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);

    /** Well-known metric names. */
    public static final String WEBHOOKS_RECEIVED = "webhooks.received";
    public static final String API_CALLS = "api.calls";

    /** messages.{category}, e.g. {@code messages.utility}. */
    public static String messages(String category) {
        return "messages." + category.toLowerCase(java.util.Locale.ROOT);
    }

    /** messages.suppressed.{reason}: messages the send policy will never send, e.g. {@code window-closed}. */
    public static String suppressed(String reasonCode) {
        return "messages.suppressed." + reasonCode;
    }

    /** messages.deferred.{reason}: each time the send policy put a message off, e.g. {@code recipient-pacing}. */
    public static String deferred(String reasonCode) {
        return "messages.deferred." + reasonCode;
    }

    private record Key(String tenantId, LocalDate day, String metric) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    /**
     * Counters are reset, never removed while their day is current: a counter removed while another thread still
     * held it would lose that thread's count. Those of days before yesterday are dropped once drained.
     */
    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

    public UsageMeter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String tenantId, String metric, long amount) {
        if (amount == 0) {
            return;
        }
        counter(new Key(tenantId, today(), metric)).add(amount);
    }

    /** Flushes (every second, and before usage is read); a failed write only logs, its deltas stay counted. */
    @Scheduled(fixedDelayString = "${wahub.metering.flush-ms:1000}")
    void flushOrKeep() {
        try {
            flush();
        } catch (RuntimeException failure) {
            LOG.warn("Usage not written yet (kept for the next flush): {}", failure.toString());
        }
    }

    /** The last flush: what it cannot write is lost with the process, and said so. */
    @PreDestroy
    void flushAtShutdown() {
        try {
            flush();
        } catch (RuntimeException failure) {
            LOG.error("Usage counted since the last flush could not be written at shutdown: {}", failure.toString());
        }
    }

    /**
     * Writes the counted deltas in one statement. On failure the deltas are counted again and the failure is thrown:
     * nothing is lost, and the next flush writes them.
     */
    public synchronized void flush() {
        Map<Key, Long> deltas = new HashMap<>();
        LocalDate yesterday = today().minusDays(1);
        for (Map.Entry<Key, LongAdder> counter : pending.entrySet()) {
            long amount = counter.getValue().sumThenReset();
            if (amount != 0) {
                deltas.put(counter.getKey(), amount);
            } else if (counter.getKey().day().isBefore(yesterday)) {
                pending.remove(counter.getKey(), counter.getValue());
            }
        }
        if (deltas.isEmpty()) {
            return;
        }
        try {
            write(deltas);
        } catch (RuntimeException failure) {
            deltas.forEach((key, amount) -> counter(key).add(amount));
            throw failure;
        }
    }

    private void write(Map<Key, Long> deltas) {
        List<Map.Entry<Key, Long>> rows = List.copyOf(deltas.entrySet());
        jdbc.sql("""
                        INSERT INTO usage_daily (tenant_id, day, metric, amount)
                        SELECT u.tenant_id, u.day::date, u.metric, u.amount
                        FROM unnest(:tenants::text[], :days::text[], :metrics::text[], :amounts::int8[])
                             AS u(tenant_id, day, metric, amount)
                        ON CONFLICT (tenant_id, day, metric)
                            DO UPDATE SET amount = usage_daily.amount + EXCLUDED.amount
                        """)
                .param("tenants", array("text", rows, row -> row.getKey().tenantId()))
                .param("days", array("text", rows, row -> row.getKey().day().toString()))
                .param("metrics", array("text", rows, row -> row.getKey().metric()))
                .param("amounts", array("int8", rows, Map.Entry::getValue))
                .update();
    }

    private static SqlArrayValue array(String type, List<Map.Entry<Key, Long>> rows,
                                       Function<Map.Entry<Key, Long>, Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }

    private LongAdder counter(Key key) {
        return pending.computeIfAbsent(key, k -> new LongAdder());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Usage of one tenant per day and metric between two days (inclusive), oldest first. */
    public Map<LocalDate, Map<String, Long>> daily(String tenantId, LocalDate from, LocalDate to) {
        flushOrKeep();
        Map<LocalDate, Map<String, Long>> days = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT day, metric, amount FROM usage_daily
                        WHERE tenant_id = :tenant AND day BETWEEN :from AND :to
                        """)
                .param("tenant", tenantId).param("from", from).param("to", to)
                .query(rs -> {
                    days.computeIfAbsent(rs.getObject("day", LocalDate.class), d -> new java.util.TreeMap<>())
                            .put(rs.getString("metric"), rs.getLong("amount"));
                });
        return days;
    }

    /** Usage of one tenant between two days (inclusive), summed per metric. */
    public Map<String, Long> totals(String tenantId, LocalDate from, LocalDate to) {
        flushOrKeep();
        Map<String, Long> totals = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT metric, sum(amount) AS amount FROM usage_daily
                        WHERE tenant_id = :tenant AND day BETWEEN :from AND :to GROUP BY metric
                        """)
                .param("tenant", tenantId).param("from", from).param("to", to)
                .query(rs -> {
                    totals.put(rs.getString("metric"), rs.getLong("amount"));
                });
        return totals;
    }
}
