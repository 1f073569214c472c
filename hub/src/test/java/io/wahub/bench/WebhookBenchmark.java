package io.wahub.bench;

import io.wahub.sdk.Hmac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The webhook benchmark: signed Shopify webhooks (a 7 KB order) into the packaged hub, running as a process of its
 * own ({@link ForkedHub}, with the README's JVM options: {@code hub/jvm.options}), with 20 tenants whose packing
 * lists go out to a fake WhatsApp gateway in this JVM. The load generator keeps out of the measurement: each
 * phase's requests are built and signed before its clock starts, and the timed loops only write bytes to keep-alive
 * sockets and read the responses. Every webhook is a distinct order {@code #B<n>} with its own event id, so each one
 * is really stored and really sent.
 *
 * <p>Phases, per database:
 * <ol>
 *   <li>warm-up: closed-loop rounds of {@value #WARM_UP_ROUND_SECONDS} s, each followed by its deliveries, until the
 *       hub's JIT compilers spent less than {@value ProcessCpu#JIT_SETTLED_PERCENT} % of a round compiling (on two
 *       cores the hub keeps compiling for a minute or more), at most {@code bench.warmup-seconds} (default 180):
 *       what follows measures the hub as it runs for days, not as it starts;</li>
 *   <li>closed loop: {@code bench.connections} (50) connections posting back to back for
 *       {@code bench.closed-seconds} (15): webhooks/s acknowledged with 202 (durably stored), while the hub
 *       dispatches and delivers as usual, and the cores the hub's JVM and this one kept busy meanwhile; then the
 *       drain: messages/s delivered from the end of the loop until the last message of its backlog arrived, i.e. the
 *       hub's delivery throughput with work queued;</li>
 *   <li>open loop: {@code bench.rate} (1,000) webhooks/s on a fixed schedule for {@code bench.open-seconds} (20):
 *       acknowledgement latency, messages/s delivered (between the phase's first and last arrival) and end-to-end
 *       latency (webhook → gateway), both measured from each request's scheduled time, so that a stall counts in
 *       full (no coordinated omission);</li>
 * </ol>
 * and the hub process's peak heap from the end of the warm-up on (over JMX). It runs against the hub's embedded
 * PostgreSQL and, when one is reachable (and {@code bench.external} is not {@code false}), a fresh database on the
 * server at {@code WAHUB_BENCH_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres});
 * {@code bench.embedded=false} leaves the embedded run out.
 * {@code bench.hub-args} adds hub arguments, separated by spaces ({@code --wahub.dispatch.enabled=false} measures an
 * ingest-only node); {@code wahub.hub.jar} names the jar (default {@code target/wahub-hub.jar}).
 *
 * <p>Run from the repository root; the {@code bench} profile packages the jar first and passes the properties on:
 * {@code JAVA_HOME=$(.ci/jdk) ./mvnw -q -Pbench -DskipTests verify -pl hub -am -Dbench.closed-seconds=30}
 */
public final class WebhookBenchmark {

    private static final int TENANTS = 20;
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 50);
    private static final String SECRET = "shpss_bench_secret";
    private static final String OPERATOR_KEY = "whk_live_BenchmarkOperatorKey0123456789abcdef";
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 180));
    private static final int WARM_UP_ROUND_SECONDS = 10;
    private static final Duration CLOSED_LOOP = Duration.ofSeconds(Long.getLong("bench.closed-seconds", 15));
    private static final Duration OPEN_LOOP = Duration.ofSeconds(Long.getLong("bench.open-seconds", 20));
    private static final int OFFERED_RATE = Integer.getInteger("bench.rate", 1000);
    /**
     * Requests built per second of closed loop (about 7 KB each): well above what the hub acknowledges on a two-core
     * machine. A loop that uses them all up stops early and says so; its rate is per second it actually ran.
     */
    private static final int CLOSED_LOOP_CEILING = 5_000;
    /** Webhooks (sequence numbers, order numbers) a run can send at most. */
    private static final int CAPACITY = Math.toIntExact(CLOSED_LOOP_CEILING * (WARM_UP.toSeconds()
            + WARM_UP_ROUND_SECONDS + CLOSED_LOOP.toSeconds()) + (long) OFFERED_RATE * OPEN_LOOP.toSeconds());
    /** Waiting for deliveries gives up when no new message has arrived for this long. */
    private static final Duration DELIVERY_STALL = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String orderTemplate;
    private int next;
    private long accepted;
    private RawHttp load;
    private FakeWhatsAppGateway gateway;
    private ForkedHub hub;

    private WebhookBenchmark() throws Exception {
        orderTemplate = new String(WebhookBenchmark.class.getResourceAsStream("/shopify/orders-create.json")
                .readAllBytes(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        List<String> modes = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("bench.embedded", "true"))) {
            modes.add("embedded");
        }
        String external = Boolean.parseBoolean(System.getProperty("bench.external", "true")) ? externalDatabase() : null;
        if (external != null) {
            modes.add(external);
        } else {
            System.out.println("(no PostgreSQL server reachable at 127.0.0.1:5432: external run skipped)");
        }
        for (String mode : modes) {
            new WebhookBenchmark().run(mode);
        }
        System.exit(0);
    }

    /** Requests {@code [first, first + requests.length)}, built and signed, and their sending position. */
    private record Batch(int first, byte[][] requests, AtomicInteger cursor) {
    }

    private record ClosedLoop(int first, int end, long accepted, long rejected, long startedAt, long endedAt,
                              boolean ranOut, Cpu cpu) {
        double perSecond() {
            return accepted / seconds(endedAt - startedAt);
        }
    }

    /** {@code scheduledAt[n - first]}: when webhook {@code n} was due (a nanoTime). */
    private record OpenLoop(int first, int end, long[] scheduledAt, Histogram ack, long rejected) {
    }

    /**
     * CPU time (nanoseconds) of the hub's JVM and of this one (load generator and fake gateway): what the machine's
     * cores were busy with, and whether the load generator stayed out of the way.
     */
    /** How the warm-up went: its rounds, the last round, and the share of it the JIT spent compiling. */
    private record WarmUp(int rounds, ClosedLoop last, double compilingPercent) {
    }

    private record Cpu(long hub, long bench) {
        static Cpu now(ForkedHub hub) {
            return new Cpu(hub.cpuNanos(), ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos());
        }

        Cpu since(Cpu start) {
            return new Cpu(hub - start.hub, bench - start.bench);
        }
    }

    /** How many messages arrived at the gateway for some webhooks, and when the first and the last did. */
    private record Deliveries(long count, long firstArrival, long lastArrival) {
    }

    private void run(String database) throws Exception {
        Path data = Files.createTempDirectory("wahub-bench-");
        String name = database.equals("embedded") ? "embedded (data in " + data + ")" : database;
        try (FakeWhatsAppGateway fake = new FakeWhatsAppGateway(CAPACITY);
             ForkedHub forked = ForkedHub.start(data, hubArguments(data, database))) {
            gateway = fake;
            hub = forked;
            load = new RawHttp("127.0.0.1", hub.port);
            for (int t = 0; t < TENANTS; t++) {
                configureTenant("bench-" + t, gateway.baseUrl(), "10000" + t);
            }
            WarmUp warmUp = warmUp(database);
            hub.resetPeakHeap();

            progress(database, "closed loop, " + CLOSED_LOOP.toSeconds() + " s, then its backlog");
            ClosedLoop closed = closedLoop(CLOSED_LOOP);
            awaitDelivered();
            Deliveries closedAll = deliveries(closed.first, closed.end, 0);
            Deliveries drain = deliveries(closed.first, closed.end, closed.endedAt);

            progress(database, "open loop, " + OPEN_LOOP.toSeconds() + " s at " + OFFERED_RATE + "/s");
            OpenLoop open = openLoop(OPEN_LOOP, OFFERED_RATE);
            awaitDelivered();
            Deliveries openDeliveries = deliveries(open.first, open.end, 0);
            long peakHeap = hub.peakHeapBytes();
            load.close();
            print(name, hub.log, warmUp, closed, closedAll, drain, open, openDeliveries, endToEnd(open), peakHeap);
        }
    }

    private List<String> hubArguments(Path data, String database) {
        List<String> arguments = new ArrayList<>(List.of("--wahub.data-dir=" + data,
                "--wahub.secrets.keys=bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--wahub.operator.api-key=" + OPERATOR_KEY,
                // the fake gateway is on http://127.0.0.1: allowed explicitly (the default refuses it)
                "--wahub.outbound.allowed-hosts=127.0.0.1", "--wahub.outbound.http-hosts=127.0.0.1"));
        if (!database.equals("embedded")) {
            arguments.add("--spring.datasource.url=" + database);
        }
        String extra = System.getProperty("bench.hub-args", "");
        if (!extra.isBlank()) {
            arguments.addAll(List.of(extra.trim().split("\\s+")));
        }
        return arguments;
    }

    private void print(String database, Path log, WarmUp warmUp, ClosedLoop closed, Deliveries closedAll,
                       Deliveries drain, OpenLoop open, Deliveries openDeliveries, Histogram endToEnd,
                       long peakHeap) {
        Histogram ack = open.ack;
        long closedNanos = closed.endedAt - closed.startedAt;
        long meanwhile = closedAll.count() - drain.count();
        long openAcknowledged = open.end - open.first - open.rejected;
        System.out.printf("""

                === Wahub webhook benchmark — PostgreSQL: %s ===
                hub: separate process (JVM options %s), log %s
                warm-up (closed loop, %d connections):          %d rounds of %d s; the last %,.0f webhooks/s, JIT %.0f %%%s
                webhooks stored (closed loop, %d connections):  %,.0f webhooks/s (%,d in %.1f s)%s
                  CPU meanwhile (cores, of %d):                  hub JVM %.2f, benchmark JVM %.2f
                  messages delivered meanwhile:                 %,.0f messages/s (%,d)
                  backlog drain after the loop:                 %s
                ack latency at offered %,d webhooks/s:        p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d requests)%s
                  messages delivered:                           %s
                  end-to-end latency (webhook → gateway):       p50 %.1f ms, p99 %.1f ms, max %.1f ms
                peak heap (hub process):                        %,d MiB
                %s""",
                database, ForkedHub.jvmOptions(), log,
                CONNECTIONS, warmUp.rounds, WARM_UP_ROUND_SECONDS, warmUp.last.perSecond(), warmUp.compilingPercent,
                rejected(warmUp.last.rejected),
                CONNECTIONS, closed.perSecond(), closed.accepted, seconds(closedNanos),
                closed.ranOut ? " — ran out of pre-built requests" : rejected(closed.rejected),
                Runtime.getRuntime().availableProcessors(), (double) closed.cpu.hub / closedNanos,
                (double) closed.cpu.bench / closedNanos,
                meanwhile / seconds(closedNanos), meanwhile,
                drain.count() == 0 ? "nothing was left to deliver" : "%,.0f messages/s (%,d queued, drained in %.1f s)"
                        .formatted(drain.count() / seconds(drain.lastArrival - closed.endedAt), drain.count(),
                                seconds(drain.lastArrival - closed.endedAt)),
                OFFERED_RATE, ack.getValueAtPercentile(50) / 1000.0, ack.getValueAtPercentile(99) / 1000.0,
                ack.getMaxValue() / 1000.0, ack.getTotalCount(), rejected(open.rejected),
                openDeliveries.count() < 2 ? "%,d of %,d acknowledged".formatted(openDeliveries.count(),
                        openAcknowledged) : "%,.0f messages/s (%,d of %,d acknowledged)".formatted(
                        openDeliveries.count() / seconds(openDeliveries.lastArrival - openDeliveries.firstArrival),
                        openDeliveries.count(), openAcknowledged),
                endToEnd.getValueAtPercentile(50) / 1000.0, endToEnd.getValueAtPercentile(99) / 1000.0,
                endToEnd.getMaxValue() / 1000.0,
                peakHeap / (1024 * 1024),
                gateway.delivered.get() < accepted ? "NOT DELIVERED: %,d of %,d acknowledged webhooks got no message%n"
                        .formatted(accepted - gateway.delivered.get(), accepted) : "");
    }

    private static String rejected(long count) {
        return count == 0 ? "" : " — %,d not acknowledged with 202".formatted(count);
    }

    /** Closed-loop rounds until the hub's JIT has settled (or the warm-up time is up). */
    private WarmUp warmUp(String database) throws Exception {
        long deadline = System.nanoTime() + WARM_UP.toNanos();
        Duration round = Duration.ofSeconds(WARM_UP_ROUND_SECONDS);
        int rounds = 0;
        ClosedLoop last;
        double compilingPercent;
        do {
            Duration compiledBefore = hub.compilation();
            last = closedLoop(round);
            awaitDelivered();
            rounds++;
            compilingPercent = 100.0 * hub.compilation().minus(compiledBefore).toMillis() / round.toMillis();
            progress(database, "warm-up round %d: %,.0f webhooks/s, JIT compiling %.0f %% of it"
                    .formatted(rounds, last.perSecond(), compilingPercent));
        } while (compilingPercent >= ProcessCpu.JIT_SETTLED_PERCENT && System.nanoTime() < deadline);
        return new WarmUp(rounds, last, compilingPercent);
    }

    /** {@link #CONNECTIONS} connections writing pre-built requests back to back until {@code duration} is over. */
    private ClosedLoop closedLoop(Duration duration) throws InterruptedException {
        Batch batch = prepare(Math.toIntExact(CLOSED_LOOP_CEILING * duration.toSeconds()));
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        Cpu cpuAtStart = Cpu.now(hub);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread.ofVirtual().start(() -> {
                try {
                    int i;
                    while (System.nanoTime() < end && (i = batch.cursor.getAndIncrement()) < batch.requests.length) {
                        (load.send(batch.requests[i]) == 202 ? acknowledged : rejected).incrementAndGet();
                    }
                } catch (Exception e) {
                    System.err.println("closed loop: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long ended = System.nanoTime();
        Cpu cpu = Cpu.now(hub).since(cpuAtStart);
        int sent = Math.min(batch.cursor.get(), batch.requests.length);
        next = batch.first + sent;
        accepted += acknowledged.get();
        return new ClosedLoop(batch.first, next, acknowledged.get(), rejected.get(), start, ended,
                sent == batch.requests.length, cpu);
    }

    /**
     * Requests issued on a fixed schedule whatever the responses do; latency is measured from the scheduled time,
     * so a stalled server shows up in the percentiles (no coordinated omission).
     */
    private OpenLoop openLoop(Duration duration, int rate) throws InterruptedException {
        Batch batch = prepare(Math.toIntExact(duration.toSeconds() * rate));
        long[] scheduledAt = new long[batch.requests.length];
        Histogram latency = new Histogram(3);
        AtomicInteger rejected = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < batch.requests.length; i++) {
                long scheduled = start + i * 1_000_000_000L / rate;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                scheduledAt[i] = scheduled;
                byte[] request = batch.requests[i];
                senders.submit(() -> {
                    try {
                        int status = load.send(request);
                        long micros = (System.nanoTime() - scheduled) / 1_000;
                        synchronized (latency) {
                            latency.recordValue(micros);
                        }
                        if (status != 202) {
                            rejected.incrementAndGet();
                        }
                    } catch (Exception e) {
                        rejected.incrementAndGet();
                    }
                });
            }
        }
        next = batch.first + batch.requests.length;
        accepted += batch.requests.length - rejected.get();
        return new OpenLoop(batch.first, next, scheduledAt, latency, rejected.get());
    }

    /** The next {@code count} webhooks, built and signed before any clock starts. */
    private Batch prepare(int count) {
        byte[][] requests = new byte[count][];
        for (int i = 0; i < count; i++) {
            requests[i] = webhook(next + i);
        }
        return new Batch(next, requests, new AtomicInteger());
    }

    /** Webhook {@code n}: order {@code #B<n>} of tenant {@code bench-<n mod 20>} with event id {@code bench-<n>}. */
    private byte[] webhook(int n) {
        String tenant = "bench-" + (n % TENANTS);
        byte[] body = orderTemplate.replace("\"#1001\"", "\"#B" + n + "\"")
                .replace("0151 12345678", "0151 " + (20_000_000 + n)) // a customer each: pacing is per recipient
                .replace("820982911946154508", Long.toString(900_000_000_000L + n))
                .getBytes(StandardCharsets.UTF_8);
        return load.post("/webhooks/" + tenant + "/shopify", body, "Content-Type: application/json",
                "X-Shopify-Topic: orders/create", "X-Shopify-Shop-Domain: " + tenant + ".myshopify.com",
                "X-Shopify-Event-Id: bench-" + n, "X-Shopify-Hmac-Sha256: " + Hmac.base64(Hmac.sha256(SECRET, body)));
    }

    /** The messages of webhooks {@code [first, end)} that arrived after {@code notBefore} (a nanoTime; 0: all). */
    private Deliveries deliveries(int first, int end, long notBefore) {
        long count = 0;
        long firstArrival = Long.MAX_VALUE;
        long lastArrival = 0;
        for (int n = first; n < end; n++) {
            long arrived = gateway.arrivals.get(n);
            if (arrived > notBefore) {
                count++;
                firstArrival = Math.min(firstArrival, arrived);
                lastArrival = Math.max(lastArrival, arrived);
            }
        }
        return new Deliveries(count, firstArrival, lastArrival);
    }

    /** Webhook due → its message at the gateway, in microseconds, for the open loop's delivered webhooks. */
    private Histogram endToEnd(OpenLoop open) {
        Histogram endToEnd = new Histogram(3);
        for (int n = open.first; n < open.end; n++) {
            long arrived = gateway.arrivals.get(n);
            if (arrived > 0) {
                endToEnd.recordValue(Math.max(0, (arrived - open.scheduledAt[n - open.first]) / 1_000));
            }
        }
        return endToEnd;
    }

    /**
     * Waits until a message has arrived for every webhook acknowledged so far (the hub dispatches and delivers
     * asynchronously), or until none has arrived for {@link #DELIVERY_STALL}.
     */
    private void awaitDelivered() throws InterruptedException {
        if (System.getProperty("bench.hub-args", "").contains("--wahub.dispatch.enabled=false")) {
            return; // an ingest-only node delivers nothing
        }
        long seen = -1;
        long progressAt = System.nanoTime();
        long delivered;
        while ((delivered = gateway.delivered.get()) < accepted) {
            long now = System.nanoTime();
            if (delivered != seen) {
                seen = delivered;
                progressAt = now;
            } else if (now - progressAt > DELIVERY_STALL.toNanos()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private void configureTenant(String tenant, String gatewayUrl, String phoneNumberId) throws Exception {
        api("POST", "/api/v1/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant
                + "\",\"plan\":\"enterprise\"}");
        api("PUT", "/api/v1/tenants/" + tenant + "/connectors/shopify", """
                {"settings":{"webhookSecret":"%s","shopDomain":"%s.myshopify.com","defaultCountry":"DE"}}"""
                .formatted(SECRET, tenant));
        api("PUT", "/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"EAAG-bench","baseUrl":"%s"}}"""
                .formatted(phoneNumberId, gatewayUrl));
        // enabled on the sandbox, where the packing list's shipped template is approved at once
        api("PUT", "/api/v1/tenants/" + tenant + "/features/packing-list", "{\"enabled\":true}");
        api("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");
    }

    private void api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port
                        + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static void progress(String database, String phase) {
        System.out.printf("[%s] %s%n", database, phase);
    }

    private static String externalDatabase() {
        String base = System.getenv().getOrDefault("WAHUB_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String name = "wahub_bench_" + System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(base, "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            return null;
        }
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
