package io.wahub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * One system measured on one database, from its start to its idle: warm-up, closed loop, open loops at the offered
 * rates, idle. See {@link PerfBenchmark} for what is measured and how.
 */
final class PerfRun {

    /** A load window: the load generator's result, and what the system did meanwhile and until its backlog was sent. */
    record Window(LoadClient.Result load, double cpuSeconds, long deliveredDuringLoad, Histogram endToEnd,
                  long checkpoints, double loadGeneratorCores) {
        double cpuMillisPerWebhook() {
            return load.ok() == 0 ? Double.NaN : cpuSeconds * 1000 / load.ok();
        }

        double deliveredPerSecond() {
            return deliveredDuringLoad / load.seconds();
        }
    }

    /** {@code paused} is null where no stopped phase ran. */
    record Figures(PerfSystem system, String database, int warmUpRounds, double warmUpJitPercent, Window closed,
                   List<Window> open, Window paused, double idleCpuPercent, double idleSettledCpuPercent,
                   long pssStarted, long pssIdle, long pssPeak, long jvmPssIdle, int postgresIdle, Path log) {
    }

    private static final Duration DELIVERY_STALL = Duration.ofSeconds(30);
    private static final Duration SLICE = Duration.ofSeconds(5);
    private static final Duration PAUSE_AFTER = Duration.ofSeconds(5);

    private final PerfSystem system;
    private final PerfSettings settings;
    private final FakeWhatsAppGateway stub;
    private final ForkedHub process;
    private final Footprint footprint;
    private final LoadClient load;
    private final AtomicLong pssPeak = new AtomicLong();
    /** The database's name in progress lines. */
    private final String label;
    private long acknowledged;
    private int next;

    private PerfRun(PerfSystem system, PerfSettings settings, String label, FakeWhatsAppGateway stub,
                    ForkedHub process, Footprint footprint, LoadClient load) {
        this.system = system;
        this.label = label;
        this.settings = settings;
        this.stub = stub;
        this.process = process;
        this.footprint = footprint;
        this.load = load;
    }

    /**
     * Runs {@code system} on the embedded PostgreSQL ({@code server == null}) or on database {@code database} of
     * {@code server} (its JDBC URL: {@code databaseUrl}).
     */
    static Figures run(PerfSystem system, PerfSettings settings, Connection server, String database,
                       String databaseUrl) throws Exception {
        Path data = Files.createTempDirectory("wahub-perf-" + system.name().toLowerCase() + "-");
        String label = server == null ? "embedded" : "database " + database;
        String title = server == null ? "embedded (a server per system, started as the hub starts its own)"
                : "PostgreSQL %s at %s, a fresh database per system".formatted(
                        server.getMetaData().getDatabaseProductVersion(),
                        databaseUrl.substring(0, databaseUrl.lastIndexOf('/')).replace("jdbc:postgresql://", ""));
        progress(system, label, "starting (data in " + data + ", deleted after the run; logs kept next to it)");
        try (FakeWhatsAppGateway stub = new FakeWhatsAppGateway(settings.stubCapacity());
             ForkedHub process = system.start(data, server == null ? null : databaseUrl, stub.baseUrl())) {
            Footprint footprint = new Footprint(process.pid(), data, server, database);
            try (LoadClient load = LoadClient.start(process.port, data.resolveSibling(data.getFileName()
                    + "-load.log"))) {
                return new PerfRun(system, settings, label, stub, process, footprint, load).measure(title,
                        process.log);
            }
        } finally {
            deleteRecursively(data);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            System.out.println("  (could not delete " + directory + ": " + e + ")");
        }
    }

    private Figures measure(String title, Path log) throws Exception {
        long pssStarted = footprint.pssBytes();
        Thread sampler = Thread.ofPlatform().daemon().name("pss-sampler").start(this::samplePss);
        try {
            int rounds = 0;
            double jit;
            long deadline = System.nanoTime() + settings.warmUp().toNanos();
            do {
                Duration compiledBefore = process.compilation();
                LoadClient.Result round = load.closed(take(), settings.round().toSeconds(), settings.connections());
                finish(round);
                awaitDelivered();
                rounds++;
                jit = 100.0 * process.compilation().minus(compiledBefore).toMillis() / settings.round().toMillis();
                progress(system, label, "warm-up round %d: %,.0f webhooks/s, JIT compiling %.0f %% of it"
                        .formatted(rounds, round.ok() / round.seconds(), jit));
            } while (jit >= ProcessCpu.JIT_SETTLED_PERCENT && System.nanoTime() < deadline);

            progress(system, label, "closed loop, %d connections, %d s".formatted(settings.connections(),
                    settings.closed().toSeconds()));
            Window closed = window(() -> load.closed(take(), settings.closed().toSeconds(), settings.connections()));
            List<Window> open = new ArrayList<>();
            for (int rate : settings.rates()) {
                Duration length = rate == settings.rates().getFirst() ? settings.open() : settings.lowRate();
                progress(system, label, "open loop, %,d/s for %d s".formatted(rate, length.toSeconds()));
                open.add(window(() -> load.open(take(), rate, length.toSeconds())));
            }
            // the bare baselines keep Tomcat's defaults, under which a stop runs them out of heap (see paused())
            Window paused = settings.pause().isZero() || system != PerfSystem.WAHUB ? null : paused();
            progress(system, label, "idle, " + settings.idle().toSeconds() + " s");
            Map<Long, Long> before = footprint.cpu();
            long firstHalf = settings.idle().toMillis() / 2;
            long secondHalf = settings.idle().toMillis() - firstHalf;
            Thread.sleep(firstHalf);
            Map<Long, Long> halfway = footprint.cpu();
            Thread.sleep(secondHalf);
            double idlePercent = 100 * footprint.cpuSecondsSince(before) / settings.idle().toSeconds();
            double settledPercent = 100 * footprint.cpuSecondsSince(halfway) / (secondHalf / 1000.0);
            long pssIdle = footprint.pssBytes();
            return new Figures(system, title, rounds, jit, closed, open, paused, idlePercent, settledPercent,
                    pssStarted, pssIdle, Math.max(pssPeak.get(), pssIdle), footprint.jvmPssBytes(),
                    footprint.postgresProcesses(), log);
        } finally {
            sampler.interrupt();
        }
    }

    private interface Phase {
        LoadClient.Result run() throws IOException;
    }

    /**
     * An open loop at the first rate during which the system's process is stopped ({@code SIGSTOP}) for
     * {@code pause}, {@link #PAUSE_AFTER} in: what a vendor sees of a long collection, a stalled disk or a busy
     * neighbour. The load generator keeps sending, on new connections while the others wait. Wahub's only: the bare
     * baselines keep Tomcat's default limit of 8,192 connections, and bare async, stopped so, filled its 512 MB heap
     * with them and never finished (as Wahub did before it bounded its connections).
     */
    private Window paused() throws Exception {
        int rate = settings.rates().getFirst();
        progress(system, label, "open loop, %,d/s for %d s, stopped for %d s after %d s".formatted(rate,
                settings.lowRate().toSeconds(), settings.pause().toSeconds(), PAUSE_AFTER.toSeconds()));
        Thread pauser = Thread.ofPlatform().daemon().name("pauser").start(() -> {
            try {
                Thread.sleep(PAUSE_AFTER);
                process.pause(settings.pause());
            } catch (InterruptedException | IOException e) {
                System.out.println("  (could not pause the system: " + e + ")");
            }
        });
        try {
            return window(() -> load.open(take(), rate, settings.lowRate().toSeconds()));
        } finally {
            pauser.join();
        }
    }

    /** A load phase, then its backlog delivered; CPU of the system's processes over both. */
    private Window window(Phase phase) throws Exception {
        Map<Long, Long> cpuBefore = footprint.cpu();
        long loadBefore = ProcessCpu.ticks(ProcessHandle.of(load.pid()).orElseThrow());
        long checkpointsBefore = footprint.checkpoints();
        long deliveredBefore = stub.delivered.get();
        LoadClient.Result result = phase.run();
        long deliveredDuring = stub.delivered.get() - deliveredBefore;
        long loadTicks = ProcessCpu.ticks(ProcessHandle.of(load.pid()).orElseThrow()) - loadBefore;
        long checkpointsAfter = footprint.checkpoints();
        finish(result);
        awaitDelivered();
        double cpu = footprint.cpuSecondsSince(cpuBefore);
        return new Window(result, cpu, deliveredDuring, system.delivers() && result.ack() != null
                ? endToEnd(result) : null, checkpointsBefore < 0 || checkpointsAfter < 0 ? -1
                : checkpointsAfter - checkpointsBefore, loadTicks * 0.01 / result.seconds());
    }

    /** The first sequence number of the next phase (the load generator tells how far a closed loop got). */
    private int take() {
        return next;
    }

    private void finish(LoadClient.Result result) {
        next = result.end();
        acknowledged += result.ok();
    }

    /**
     * Webhook due → its message at the stub, in microseconds, for an open loop's delivered webhooks. Also prints the
     * p99 of each {@link #SLICE} of the window, by when the webhooks were due: whether the tail is spread or comes
     * from a few seconds.
     */
    private Histogram endToEnd(LoadClient.Result open) {
        Histogram endToEnd = new Histogram(3);
        List<Histogram> slices = new ArrayList<>();
        for (int n = open.first(); n < open.end() && n < stub.arrivals.length(); n++) {
            long arrived = stub.arrivals.get(n);
            if (arrived > 0) {
                long micros = Math.max(0, (arrived - open.scheduledAt(n)) / 1_000);
                endToEnd.recordValue(micros);
                int slice = (int) ((open.scheduledAt(n) - open.scheduledAt(open.first())) / SLICE.toNanos());
                while (slices.size() <= slice) {
                    slices.add(new Histogram(3));
                }
                slices.get(slice).recordValue(micros);
            }
        }
        if (!slices.isEmpty()) {
            progress(system, label, "end to end p99 by %d s of the window, ms: %s".formatted(SLICE.toSeconds(),
                    slices.stream().map(h -> "%.0f".formatted(h.getValueAtPercentile(99) / 1000.0))
                            .collect(Collectors.joining(", "))));
        }
        return endToEnd;
    }

    /**
     * Waits until the stub has a message for every webhook acknowledged so far, or until none arrived for
     * {@link #DELIVERY_STALL}: the next phase starts with no backlog.
     */
    private void awaitDelivered() throws InterruptedException {
        if (!system.delivers()) {
            return;
        }
        long seen = -1;
        long progressAt = System.nanoTime();
        long delivered;
        while ((delivered = stub.delivered.get()) < acknowledged) {
            long now = System.nanoTime();
            if (delivered != seen) {
                seen = delivered;
                progressAt = now;
            } else if (now - progressAt > DELIVERY_STALL.toNanos()) {
                System.out.printf("  (%,d acknowledged webhooks got no message)%n", acknowledged - delivered);
                return;
            }
            Thread.sleep(50);
        }
    }

    private void samplePss() {
        while (!Thread.currentThread().isInterrupted()) {
            pssPeak.accumulateAndGet(footprint.pssBytes(), Math::max);
            try {
                Thread.sleep(settings.pssSampling().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void progress(PerfSystem system, String database, String phase) {
        System.out.printf("[%s, %s] %s%n", system.label(), database, phase);
    }
}
