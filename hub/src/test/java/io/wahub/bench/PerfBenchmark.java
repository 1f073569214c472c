package io.wahub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Wahub side by side with bare baselines of its own, in one run, on the hub's embedded PostgreSQL and on the
 * machine's server: what a vendor sees (acknowledgement latency and stalls from an open-loop schedule), what a
 * small shop pays (CPU per webhook as traffic falls, idle CPU, memory), and the ratios to the baselines.
 *
 * <p>Processes: this driver, which also runs the Cloud API stub (a JDK HttpServer answering like Meta's
 * {@code /messages}, recording when each order's message arrived: {@link FakeWhatsAppGateway}); the system under
 * test — the packaged hub with {@code hub/jvm.options} ({@link ForkedHub}), or {@link BareWebhookServer} (HMAC +
 * INSERT + 200 on the same Tomcat/Spring MVC stack) with or without its background sender, started with the same
 * JVM options; and the load generator ({@link LoadGenerator}), a JVM of its own. Every system gets the same 3.3 KB
 * signed Shopify order ({@link ShopifyWebhooks}), each webhook a distinct order.
 *
 * <p>Per system and database: a warm-up of closed-loop rounds until the system's JIT has settled; a closed loop
 * ({@code perf.connections}, 50); open loops at {@code perf.rates} (1,000, 300, 100 per second), latency measured
 * from each request's scheduled send time (no coordinated omission); an idle window. CPU per webhook is the CPU of
 * the system's JVM and its PostgreSQL processes (the embedded server whole; on the shared server, the backends of
 * its own fresh database) from the start of a window until its backlog was delivered, divided by the webhooks
 * acknowledged; PSS is summed over the same processes. See {@link PerfSettings} for durations and
 * {@code perf.quick=true}; {@code perf.systems} ({@code wahub,bare,bare-async}) and {@code perf.databases}
 * ({@code embedded,external}) choose what runs; the machine's server is {@code WAHUB_BENCH_DB_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user postgres; its fresh database is dropped after the run unless
 * {@code perf.keep-database=true}). {@code bench.hub-args} and
 * {@code bench.hub-jvm-args} work as for {@link WebhookBenchmark}.
 *
 * <p>Run from the repository root: {@code JAVA_HOME=$(.ci/jdk) ./mvnw -q -Pbench-perf -DskipTests verify -pl hub
 * -am [-Dperf.quick=true]}.
 */
public final class PerfBenchmark {

    private PerfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        PerfSettings settings = PerfSettings.fromSystemProperties();
        List<PerfSystem> systems = Arrays.stream(System.getProperty("perf.systems", "").isBlank()
                        ? new String[] {"wahub", "bare", "bare-async"} : System.getProperty("perf.systems").split(","))
                .map(name -> PerfSystem.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
        List<String> databases = Arrays.stream(System.getProperty("perf.databases", "").isBlank()
                ? new String[] {"embedded", "external"} : System.getProperty("perf.databases").split(","))
                .map(String::trim).toList();
        System.out.println("PerfBenchmark: " + settings.describe() + "; hub JVM options: " + ForkedHub.jvmOptions());
        long started = System.nanoTime();
        List<List<PerfRun.Figures>> results = new ArrayList<>();
        for (String database : databases) {
            List<PerfRun.Figures> figures = new ArrayList<>();
            for (PerfSystem system : systems) {
                PerfRun.Figures run = database.equals("embedded")
                        ? PerfRun.run(system, settings, null, null, null) : onServer(system, settings);
                if (run != null) {
                    figures.add(run);
                }
            }
            if (!figures.isEmpty()) {
                results.add(figures);
            }
        }
        for (List<PerfRun.Figures> figures : results) {
            PerfReport.print(figures, settings);
        }
        System.out.printf("%nPerfBenchmark took %.1f min%n", (System.nanoTime() - started) / 60e9);
        System.exit(0);
    }

    /** A run on a fresh database of the machine's server, dropped afterwards; null when there is no server. */
    private static PerfRun.Figures onServer(PerfSystem system, PerfSettings settings) throws Exception {
        String base = System.getenv().getOrDefault("WAHUB_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String name = "wahub_perf_" + system.name().toLowerCase(Locale.ROOT) + "_" + System.currentTimeMillis();
        Connection server;
        try {
            server = DriverManager.getConnection(base, "postgres", "");
        } catch (SQLException e) {
            System.out.println("(no PostgreSQL server at " + base + ": " + system.label() + " not run on it)");
            return null;
        }
        try (server) {
            server.createStatement().execute("CREATE DATABASE " + name);
            try {
                return PerfRun.run(system, settings, server, name, base.substring(0, base.lastIndexOf('/') + 1)
                        + name);
            } finally {
                if (Boolean.getBoolean("perf.keep-database")) {
                    System.out.println("(database " + name + " kept: -Dperf.keep-database)");
                } else {
                    server.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        }
    }
}
