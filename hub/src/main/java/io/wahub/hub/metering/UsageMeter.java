package io.wahub.hub.metering;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts usage per tenant, UTC day and metric. Hot paths only bump an in-memory counter; the counters are added to
 * {@code usage_daily} every second (and at shutdown) with one upsert per key, so thousands of webhooks per second
 * do not fight over the same row. Several nodes add up correctly because each adds its own deltas.
 */
@Component
public class UsageMeter {

    /** Well-known metric names. */
    public static final String WEBHOOKS_RECEIVED = "webhooks.received";
    public static final String API_CALLS = "api.calls";

    /** messages.{category}, e.g. {@code messages.utility}. */
    public static String messages(String category) {
        return "messages." + category.toLowerCase(java.util.Locale.ROOT);
    }

    private record Key(String tenantId, LocalDate day, String metric) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

    public UsageMeter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String tenantId, String metric, long amount) {
        if (amount == 0) {
            return;
        }
        pending.computeIfAbsent(new Key(tenantId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), metric),
                k -> new LongAdder()).add(amount);
    }

    /** Writes the counted deltas; called every second and at shutdown. */
    @Scheduled(fixedDelayString = "${wahub.metering.flush-ms:1000}")
    @PreDestroy
    public synchronized void flush() {
        List<Map.Entry<Key, Long>> deltas = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            LongAdder adder = pending.remove(key);
            long amount = adder == null ? 0 : adder.sumThenReset();
            if (amount != 0) {
                deltas.add(Map.entry(key, amount));
            }
        }
        for (var delta : deltas) {
            Key key = delta.getKey();
            jdbc.sql("""
                            INSERT INTO usage_daily (tenant_id, day, metric, amount)
                            VALUES (:tenant, :day, :metric, :amount)
                            ON CONFLICT (tenant_id, day, metric) DO UPDATE SET amount = usage_daily.amount + :amount
                            """)
                    .param("tenant", key.tenantId()).param("day", key.day()).param("metric", key.metric())
                    .param("amount", delta.getValue()).update();
        }
    }

    /** Usage of one tenant per day and metric between two days (inclusive), oldest first. */
    public Map<LocalDate, Map<String, Long>> daily(String tenantId, LocalDate from, LocalDate to) {
        flush();
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
        flush();
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
