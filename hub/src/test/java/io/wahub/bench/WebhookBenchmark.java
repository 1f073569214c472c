package io.wahub.bench;

import io.wahub.hub.WahubApplication;
import io.wahub.sdk.Hmac;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The walking skeleton's benchmark: signed Shopify webhooks into a real hub, packing lists out to a local fake
 * WhatsApp gateway. Prints webhooks/s (closed loop, 50 connections), ack latency at an offered 1,000/s, messages/s
 * delivered end to end, end-to-end latency and peak heap. Runs against the embedded PostgreSQL and, when one is
 * reachable, the PostgreSQL server at {@code WAHUB_BENCH_DB_URL} (default 127.0.0.1:5432, a fresh database).
 *
 * <p>Run: {@code JAVA_HOME=$(.ci/jdk) ./mvnw -q -Pbench verify -pl hub -am}
 */
public final class WebhookBenchmark {

    private static final int TENANTS = 20;
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 50);
    private static final String SECRET = "shpss_bench_secret";
    private static final String OPERATOR_KEY = "whk_live_BenchmarkOperatorKey0123456789abcdef";
    private static final Duration CLOSED_LOOP = Duration.ofSeconds(Long.getLong("bench.closed-seconds", 15));
    private static final Duration OPEN_LOOP = Duration.ofSeconds(Long.getLong("bench.open-seconds", 15));
    private static final int OFFERED_RATE = Integer.getInteger("bench.rate", 1000);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String orderTemplate;
    private final AtomicInteger sequence = new AtomicInteger();
    private final long[] sentAt = new long[2_000_000];
    private int port;
    private RawHttp load;

    private WebhookBenchmark() throws Exception {
        orderTemplate = new String(WebhookBenchmark.class.getResourceAsStream("/shopify/orders-create.json")
                .readAllBytes(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        List<String> modes = new ArrayList<>(List.of("embedded"));
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

    private void run(String database) throws Exception {
        Path data = Files.createTempDirectory("wahub-bench-");
        // command-line arguments, because they override application.properties (default properties do not)
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--wahub.data-dir=" + data,
                "--wahub.secrets.keys=bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--wahub.operator.api-key=" + OPERATOR_KEY));
        if (!database.equals("embedded")) {
            arguments.add("--spring.datasource.url=" + database);
        }
        String extra = System.getProperty("bench.hub-args", "");
        if (!extra.isBlank()) {
            arguments.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (FakeWhatsAppGateway gateway = new FakeWhatsAppGateway(sentAt.length);
             ConfigurableApplicationContext hub = new SpringApplicationBuilder(WahubApplication.class)
                     .run(arguments.toArray(String[]::new))) {
            port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
            load = new RawHttp("127.0.0.1", port);
            for (int t = 0; t < TENANTS; t++) {
                configureTenant("bench-" + t, gateway.baseUrl(), "10000" + t);
            }
            resetPeakHeap();
            closedLoop(Duration.ofSeconds(3)); // warm-up
            long baseline = gateway.received.get();
            int firstSeq = sequence.get();

            long start = System.nanoTime();
            int stored = closedLoop(CLOSED_LOOP);
            double webhooksPerSecond = stored / seconds(System.nanoTime() - start);

            Histogram ack = openLoop(OPEN_LOOP, OFFERED_RATE);
            int lastSeq = sequence.get();
            long deliverStart = System.nanoTime();
            awaitDelivered(gateway, baseline + (lastSeq - firstSeq), Duration.ofSeconds(120));
            Histogram endToEnd = new Histogram(3);
            long firstArrival = Long.MAX_VALUE;
            long lastArrival = 0;
            for (int n = firstSeq; n < lastSeq; n++) {
                long arrived = gateway.arrivals.get(n);
                if (arrived > 0) {
                    endToEnd.recordValue(Math.max(0, (arrived - sentAt[n]) / 1_000));
                    firstArrival = Math.min(firstArrival, arrived);
                    lastArrival = Math.max(lastArrival, arrived);
                }
            }
            long delivered = endToEnd.getTotalCount();
            double messagesPerSecond = delivered / seconds(lastArrival - firstArrival);
            System.out.printf("""

                    === Wahub webhook benchmark — PostgreSQL: %s ===
                    webhooks stored (closed loop, %d connections): %,.0f webhooks/s (%,d in %ds)
                    ack latency at offered %,d webhooks/s:      p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d requests)
                    messages delivered end to end:              %,.0f messages/s (%,d of %,d; drained %.1f s after load)
                    end-to-end latency (webhook → gateway):     p50 %.1f ms, p99 %.1f ms
                    peak heap (hub + load generator, one JVM):  %,d MiB
                    %n""",
                    database.equals("embedded") ? "embedded (data in " + data + ")" : database,
                    CONNECTIONS, webhooksPerSecond, stored, CLOSED_LOOP.toSeconds(),
                    OFFERED_RATE, ack.getValueAtPercentile(50) / 1000.0, ack.getValueAtPercentile(99) / 1000.0,
                    ack.getMaxValue() / 1000.0, ack.getTotalCount(),
                    messagesPerSecond, delivered, lastSeq - firstSeq, seconds(System.nanoTime() - deliverStart),
                    endToEnd.getValueAtPercentile(50) / 1000.0, endToEnd.getValueAtPercentile(99) / 1000.0,
                    peakHeapBytes() / (1024 * 1024));
        }
    }

    /** 50 connections posting back to back; returns how many webhooks were acknowledged as stored. */
    private int closedLoop(Duration duration) throws InterruptedException {
        AtomicInteger accepted = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (post() == 202) {
                            accepted.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    System.err.println("closed loop: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return accepted.get();
    }

    /**
     * Requests issued on a fixed schedule whatever the responses do; latency is measured from the scheduled time,
     * so a stalled server shows up in the percentiles (no coordinated omission).
     */
    private Histogram openLoop(Duration duration, int rate) throws InterruptedException {
        Histogram latency = new Histogram(3);
        long intervalNanos = 1_000_000_000L / rate;
        long total = duration.toSeconds() * rate;
        long start = System.nanoTime();
        AtomicLong failures = new AtomicLong();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                senders.submit(() -> {
                    try {
                        int status = post();
                        long micros = (System.nanoTime() - scheduled) / 1_000;
                        synchronized (latency) {
                            latency.recordValue(micros);
                        }
                        if (status != 202) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                });
            }
        }
        if (failures.get() > 0) {
            System.err.println("open loop: " + failures.get() + " requests not acknowledged with 202");
        }
        return latency;
    }

    private int post() throws Exception {
        int n = sequence.getAndIncrement();
        String tenant = "bench-" + (n % TENANTS);
        byte[] body = orderTemplate.replace("\"#1001\"", "\"#B" + n + "\"")
                .replace("820982911946154508", Long.toString(900_000_000_000L + n))
                .getBytes(StandardCharsets.UTF_8);
        String[] headers = {"Content-Type: application/json", "X-Shopify-Topic: orders/create",
                "X-Shopify-Shop-Domain: " + tenant + ".myshopify.com", "X-Shopify-Event-Id: bench-" + n,
                "X-Shopify-Hmac-Sha256: " + Hmac.base64(Hmac.sha256(SECRET, body))};
        sentAt[n] = System.nanoTime();
        return load.post("/webhooks/" + tenant + "/shopify", body, headers);
    }

    private void configureTenant(String tenant, String gateway, String phoneNumberId) throws Exception {
        api("POST", "/api/v1/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant
                + "\",\"plan\":\"enterprise\"}");
        api("PUT", "/api/v1/tenants/" + tenant + "/connectors/shopify", """
                {"settings":{"webhookSecret":"%s","shopDomain":"%s.myshopify.com","defaultCountry":"DE"}}"""
                .formatted(SECRET, tenant));
        api("PUT", "/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"EAAG-bench","baseUrl":"%s"}}"""
                .formatted(phoneNumberId, gateway));
        api("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");
        api("PUT", "/api/v1/tenants/" + tenant + "/features/packing-list", "{\"enabled\":true}");
    }

    private void api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static void awaitDelivered(FakeWhatsAppGateway gateway, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (gateway.received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
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

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
