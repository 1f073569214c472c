package io.wahub.bench;

import io.wahub.sdk.Hmac;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The drip benchmark's second phase: the second send step of every contact, re-spread (by SQL, set-up, not measured)
 * so that they fall due at {@code bench.drip-spread-rate} (default 2,000) per second from a few seconds ahead. A node
 * that keeps up fires each close to its instant; one that does not falls further behind with every second, so the
 * lateness shows whether the rate is sustained, unlike a burst of steps due at one instant. Meanwhile, a signed
 * Shopify order from {@value #GOALS} contacts whose step is still ahead (10 a second) ends their journey as a goal:
 * printed is how long after the order's acknowledgement the journey ended. Also printed: the heap's old generation
 * after its last collection, at the start of the first phase and at the end of this one (a flat heap stays put).
 */
final class DripSpreadPhase {

    static final String SHOPIFY_SECRET = "shpss_drip_bench_secret";
    private static final int GOALS = 200;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DripSpreadPhase() {
    }

    /** Old generation in use after the last collection, in MB (-1 when the collector does not say). */
    static long oldGenAfterGcMb() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().contains("Old Gen") && pool.getCollectionUsage() != null) {
                return pool.getCollectionUsage().getUsed() >> 20;
            }
        }
        return -1;
    }

    /**
     * Sets the tenant's active journeys' next step (and its timer) to fall due from {@code start} on, {@code rate} a
     * second (0: all at {@code start}); set-up by SQL, not measured. Returns how many.
     */
    static int respread(JdbcClient jdbc, String tenant, Instant start, int rate) {
        // fresh statistics first: planned on an empty table's, the join below scanned every timer per enrolment
        // (seconds at 10,000 contacts, which ran into the measured window)
        jdbc.sql("ANALYZE feature_drips.enrolment, feature_timer").update();
        int moved = jdbc.sql("""
                WITH e AS (SELECT id, campaign_id, row_number() OVER (ORDER BY phone) - 1 AS n
                           FROM feature_drips.enrolment WHERE tenant_id = :tenant AND status = 'active'),
                     u AS (UPDATE feature_drips.enrolment x
                           SET due_at = :start::timestamptz
                                        + CASE WHEN :rate = 0 THEN interval '0' ELSE e.n * (interval '1 second' / :rate) END
                           FROM e WHERE x.tenant_id = :tenant AND x.id = e.id
                           RETURNING x.id, x.campaign_id, x.due_at)
                UPDATE feature_timer f SET due_at = u.due_at FROM u
                WHERE f.tenant_id = :tenant AND f.feature_id = 'drips'
                  AND f.key = 'campaign:' || u.campaign_id || ':enrolment:' || u.id""")
                .param("tenant", tenant).param("start", Timestamp.from(start)).param("rate", rate).update();
        if (Instant.now().isAfter(start)) {
            System.out.printf("  WARNING: the set-up ended after %s, the first instant measured from%n", start);
        }
        return moved;
    }

    /**
     * The goal contacts' next step falls due ten minutes later than spread: their orders come at 10 a second, so
     * without this most of them would find the journey already past its step (the spread lasts seconds).
     */
    private static void holdGoalsBack(JdbcClient jdbc, String tenant, int contacts) {
        String[] phones = new String[GOALS];
        for (int k = 0; k < GOALS; k++) {
            phones[k] = "+49151" + String.format("%08d", goalContact(contacts, k));
        }
        jdbc.sql("""
                WITH u AS (UPDATE feature_drips.enrolment x SET due_at = due_at + interval '10 minutes'
                           WHERE x.tenant_id = :tenant AND x.status = 'active' AND x.phone = ANY(:phones)
                           RETURNING x.id, x.campaign_id, x.due_at)
                UPDATE feature_timer f SET due_at = u.due_at FROM u
                WHERE f.tenant_id = :tenant AND f.feature_id = 'drips'
                  AND f.key = 'campaign:' || u.campaign_id || ':enrolment:' || u.id""")
                .param("tenant", tenant).param("phones", new SqlArrayValue("text", (Object[]) phones)).update();
    }

    /** Runs the phase and prints its figures; whether its two targets (lateness, goal) were met. */
    static boolean run(JdbcClient jdbc, int port, String tenant, int contacts, String orderTemplate) throws Exception {
        int rate = Integer.getInteger("bench.drip-spread-rate", 2_000);
        Instant start = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        int spread = respread(jdbc, tenant, start, rate);
        holdGoalsBack(jdbc, tenant, contacts);
        System.out.printf("  second step of %,d contacts re-spread to fall due at %,d/s from %s%n", spread, rate, start);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), start).toMillis()));
        List<Instant> acked = postGoals(port, tenant, contacts, orderTemplate);
        long deadline = System.nanoTime() + Duration.ofSeconds(spread / Math.max(rate, 1) + 600).toNanos();
        while (done(jdbc, tenant, start) < spread - GOALS && System.nanoTime() < deadline) {
            Thread.sleep(2_000); // the count scans the tenant's events: see DripBenchmark's burst
        }
        return report(jdbc, tenant, start, rate, acked, contacts);
    }

    private static List<Instant> postGoals(int port, String tenant, int contacts, String template) throws Exception {
        List<Instant> acked = new ArrayList<>();
        for (int k = 0; k < GOALS; k++) {
            int contact = goalContact(contacts, k);
            String national = "0151" + String.format("%08d", contact);
            String body = template.replace("0151 12345678", national)
                    .replace("\"id\": 820982911946154508", "\"id\": " + (7_000_000_000L + k))
                    .replace("\"name\": \"#1001\"", "\"name\": \"#G" + k + "\"")
                    .replace("\"order_number\": 1001", "\"order_number\": " + (90_000 + k));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/webhooks/" + tenant + "/shopify"))
                    .header("Content-Type", "application/json").header("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Shop-Domain", tenant + ".myshopify.com")
                    .header("X-Shopify-Event-Id", "drip-goal-" + k)
                    .header("X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.sha256(SHOPIFY_SECRET, body.getBytes(StandardCharsets.UTF_8))))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("goal order: " + response.statusCode() + " " + response.body());
            }
            acked.add(Instant.now());
            Thread.sleep(100);
        }
        return acked;
    }

    /** Contacts near the end of the spread, whose second step is still ahead when their order comes. */
    private static int goalContact(int contacts, int k) {
        return contacts - 1 - k * Math.max(1, contacts / (4 * GOALS));
    }

    private static long done(JdbcClient jdbc, String tenant, Instant start) {
        return jdbc.sql("""
                SELECT count(*) FROM inbox_event WHERE tenant_id = :tenant AND type = 'timer.due'
                  AND occurred_at >= :start AND status = 'done'""")
                .param("tenant", tenant).param("start", Timestamp.from(start)).query(Long.class).single();
    }

    private static boolean report(JdbcClient jdbc, String tenant, Instant start, int rate, List<Instant> acked,
                                  int contacts) {
        Map<String, Object> late = jdbc.sql("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY late) AS p99, max(late) AS max, count(*) AS n,
                       extract(epoch FROM max(processed_at) - min(occurred_at)) AS seconds
                FROM (SELECT extract(epoch FROM processed_at - occurred_at) * 1000 AS late, processed_at, occurred_at
                      FROM inbox_event WHERE tenant_id = :tenant AND type = 'timer.due'
                        AND occurred_at >= :start AND status = 'done') t""")
                .param("tenant", tenant).param("start", Timestamp.from(start)).query().singleRow();
        double p99 = ((Number) late.get("p99")).doubleValue();
        System.out.printf("  steps due at %,d/s: %,d fired in %.1f s; lateness p50 %.0f ms, p99 %.0f ms"
                        + " (target < 2,000 ms): %s, max %.0f ms%n", rate, ((Number) late.get("n")).longValue(),
                ((Number) late.get("seconds")).doubleValue(), ((Number) late.get("p50")).doubleValue(), p99,
                p99 < 2000 ? "PASS" : "FAIL", ((Number) late.get("max")).doubleValue());
        List<Long> goalMillis = new ArrayList<>();
        for (int k = 0; k < acked.size(); k++) {
            String phone = "+49151" + String.format("%08d", goalContact(contacts, k));
            Instant ack = acked.get(k);
            goalMillis.add(jdbc.sql("""
                            SELECT exited_at FROM feature_drips.enrolment
                            WHERE tenant_id = :tenant AND phone = :phone AND exit_reason = 'goal'""")
                    .param("tenant", tenant).param("phone", phone).query(Timestamp.class).optional()
                    .map(at -> Math.max(0, at.toInstant().toEpochMilli() - ack.toEpochMilli()))
                    .orElse(Long.MAX_VALUE)); // MAX: the journey did not end as a goal
        }
        List<Long> sorted = goalMillis.stream().sorted().toList();
        long ended = sorted.stream().filter(ms -> ms != Long.MAX_VALUE).count();
        long p99Goal = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        System.out.printf("  goal orders during the phase: %d of %d journeys ended as goal; order ack -> journey"
                        + " ended p50 %s, p99 %s (target < 1,000 ms): %s%n", ended, sorted.size(),
                ms(sorted.get(sorted.size() / 2)), ms(p99Goal), p99Goal < 1000 ? "PASS" : "FAIL");
        return p99 < 2000 && p99Goal < 1000 && ended == sorted.size();
    }

    private static String ms(long millis) {
        return millis == Long.MAX_VALUE ? "never" : millis + " ms";
    }
}
