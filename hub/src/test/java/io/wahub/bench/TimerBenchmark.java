package io.wahub.bench;

import io.wahub.hub.WahubApplication;
import io.wahub.hub.testplugin.TestPluginJar;
import io.wahub.hub.testplugin.TimerCommandsFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Durable timers at volume, on the real application (embedded PostgreSQL, or {@code WAHUB_DB_URL} when set) with its
 * default timer settings: 100,000 timers scheduled by a real plugin feature ({@link TimerCommandsFeature}, through the
 * Evolution webhook, 1,000 per feature run, over 10 tenants), then fired, twice:
 * <ol>
 * <li>burst: all due at the same instant; prints fired/s (timers handed to {@code onTimer} and committed, per second
 * from the instant they fell due until the last was done);</li>
 * <li>paced: due evenly over {@code bench.timer-span-seconds} (default 50 s, so 2,000/s); prints the lateness.</li>
 * </ol>
 * Lateness is fired-at minus due-at: when the timer's event was done ({@code onTimer} run and committed), and, for the
 * firing loop alone, when it was moved into the inbox. The feature's {@code onTimer} does nothing, so this measures
 * the timer path (firing loop, inbox, dispatch), not message delivery. Targets: ≥ 2,000 fired/s, p99 < 1 s.
 *
 * <p>Part of {@code ./mvnw -q -Pbench -DskipTests verify -pl hub -am}; properties {@code bench.timers} (100000),
 * {@code bench.timer-span-seconds} (50).
 */
public final class TimerBenchmark {

    private static final String KEY = "whk_live_TimerBenchmarkOperatorKey0123456789abcdef";
    private static final String EVOLUTION_KEY = "B6D711FCDE4D4FD5936544120E713976";
    private static final int TENANTS = 10;
    private static final int PER_RUN = 1_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TimerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int timers = Integer.getInteger("bench.timers", 100_000);
        int span = Integer.getInteger("bench.timer-span-seconds", 50);
        String[] arguments = {"--server.port=0", "--wahub.data-dir=" + Files.createTempDirectory("wahub-bench-"),
                "--wahub.plugins.dir=" + TestPluginJar.timersPluginDir(), "--wahub.operator.api-key=" + KEY,
                "--wahub.outbound.allowed-hosts=localhost", "--wahub.outbound.http-hosts=localhost",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off"};
        try (ConfigurableApplicationContext hub = new SpringApplication(WahubApplication.class).run(arguments)) {
            int port = ((ServletWebServerApplicationContext) hub).getWebServer().getPort();
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            List<String> tenants = new ArrayList<>();
            for (int i = 0; i < TENANTS; i++) {
                tenants.add(tenant(port, "timers-" + Long.toString(System.nanoTime(), 36)));
            }
            System.out.printf("=== Wahub timer benchmark: %,d timers per phase, %d tenants, %,d per feature run ===%n",
                    timers, TENANTS, PER_RUN);
            report("burst (all due at one instant)", run(port, jdbc, tenants, "burst", timers, 0));
            report("paced (due evenly over " + span + " s)", run(port, jdbc, tenants, "paced", timers, span * 1000L));
        }
        System.exit(0);
    }

    /** Figures of one phase, from the database; lateness in milliseconds. */
    private record Phase(long timers, double scheduleSeconds, double firedPerSecond, Map<String, Object> done,
                         Map<String, Object> moved) {
    }

    private static Phase run(int port, JdbcClient jdbc, List<String> tenants, String phase, int timers, long spanMs)
            throws Exception {
        long lead = 20_000;
        long first = System.currentTimeMillis() + lead;
        long started = System.nanoTime();
        int runs = timers / PER_RUN;
        for (int i = 0; i < runs; i++) {
            String tenant = tenants.get(i % tenants.size());
            webhook(port, tenant, phase + i, "schedule-quiet " + phase + "-" + i + "- " + PER_RUN + " " + first + " "
                    + spanMs);
        }
        long total = (long) runs * PER_RUN;
        await(() -> count(jdbc, """
                SELECT (SELECT count(*) FROM feature_timer WHERE key LIKE :keys)
                       + (SELECT count(*) FROM inbox_event WHERE type = 'timer.due' AND delivery_id LIKE :events)
                """, phase) >= total, Duration.ofMillis(lead * 3));
        double scheduling = (System.nanoTime() - started) / 1e9;
        System.out.printf("  [%s] %,d timers scheduled in %.1f s; waiting for them to fire%n", phase, total,
                scheduling);
        await(() -> count(jdbc, """
                SELECT count(*) FROM inbox_event
                WHERE type = 'timer.due' AND status = 'done' AND delivery_id LIKE :events
                """, phase) >= total, Duration.ofMinutes(10));
        Map<String, Object> done = lateness(jdbc, "processed_at", phase);
        Map<String, Object> moved = lateness(jdbc, "received_at", phase);
        double seconds = ((Number) done.get("last_ms")).doubleValue() / 1000.0;
        return new Phase(total, scheduling, total / seconds, done, moved);
    }

    private static Map<String, Object> lateness(JdbcClient jdbc, String firedAt, String phase) {
        return jdbc.sql("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS p50,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY late) AS p99,
                               max(late) AS max, extract(epoch FROM max(fired) - min(due)) * 1000 AS last_ms
                        FROM (SELECT extract(epoch FROM %s - occurred_at) * 1000 AS late, %s AS fired,
                                     occurred_at AS due
                              FROM inbox_event WHERE type = 'timer.due' AND delivery_id LIKE :events) t
                        """.formatted(firedAt, firedAt))
                .param("events", TimerCommandsFeature.ID + ":" + phase + "-%").query().singleRow();
    }

    private static void report(String label, Phase phase) {
        System.out.printf("%-36s %,d timers, scheduled in %.1f s%n", label, phase.timers(), phase.scheduleSeconds());
        System.out.printf("  fired (onTimer done and committed):  %,.0f timers/s from the first due instant%n",
                phase.firedPerSecond());
        System.out.printf("  lateness, done - due:                p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                number(phase.done(), "p50"), number(phase.done(), "p99"), number(phase.done(), "max"));
        System.out.printf("  lateness, moved into inbox - due:    p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                number(phase.moved(), "p50"), number(phase.moved(), "p99"), number(phase.moved(), "max"));
    }

    private static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    /** A count by {@code :keys} (the phase's timer keys) and {@code :events} (its events' delivery ids). */
    private static long count(JdbcClient jdbc, String sql, String phase) {
        var statement = jdbc.sql(sql).param("events", TimerCommandsFeature.ID + ":" + phase + "-%");
        return (sql.contains(":keys") ? statement.param("keys", phase + "-%") : statement).query(Long.class).single();
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + atMost);
            }
            Thread.sleep(200);
        }
    }

    /** A Pro tenant with the timer feature on and the Evolution connector to receive its commands. */
    private static String tenant(int port, String tenant) throws Exception {
        api(port, "POST", "/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"Bench %s\"}".formatted(tenant, tenant));
        api(port, "PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}");
        api(port, "PUT", "/api/v1/tenants/" + tenant + "/connectors/evolution", """
                {"settings":{"baseUrl":"http://localhost:9","instance":"inst-%s","apiKey":"%s"}}"""
                .formatted(tenant, EVOLUTION_KEY));
        api(port, "PUT", "/api/v1/tenants/" + tenant + "/features/" + TimerCommandsFeature.ID, "{\"enabled\":true}");
        return tenant;
    }

    private static void webhook(int port, String tenant, String id, String text) throws Exception {
        String body = """
                {"event":"messages.upsert","instance":"inst-%s","data":{"key":{
                 "remoteJid":"4915112345678@s.whatsapp.net","fromMe":false,"id":"%s"},
                 "message":{"conversation":"%s"},"messageType":"conversation","messageTimestamp":1779609590},
                 "apikey":"%s"}""".formatted(tenant, id, text, EVOLUTION_KEY);
        send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/" + tenant + "/evolution"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 202);
    }

    private static void api(int port, String method, String path, String json) throws Exception {
        send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .method(method, HttpRequest.BodyPublishers.ofString(json)), -1);
    }

    private static void send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 || expected > 0 && response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
    }
}
