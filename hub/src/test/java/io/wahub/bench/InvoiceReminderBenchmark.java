package io.wahub.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.hub.WahubApplication;
import io.wahub.hub.apikey.ApiKey;
import io.wahub.hub.apikey.ApiKeyRepository;
import io.wahub.hub.apikey.ApiKeySecrets;
import io.wahub.hub.tenant.TenantRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Invoice reminders at volume, with the policy gate on: the real application (embedded PostgreSQL, or
 * {@code WAHUB_DB_URL}), the bundled invoices plugin, tenants on the sandbox channel (messages are delivered through
 * the whole send path: quota, per-recipient pacing, the send policy's checks, throughput), Stripe stood in for by
 * WireMock. Setup (not measured): {@code invoices} invoices created through the API, over {@code tenants} tenants,
 * each to a number of its own, due tomorrow with one reminder on the due date; once their invoice messages are sent,
 * every reminder timer is moved (one SQL update) to one instant 10 s ahead, so all fall due together and after the
 * per-recipient pacing interval. Measured: from that instant until the last reminder was {@code sent}; prints
 * reminders/s and the p50/p99/max lateness of a reminder's send. Target: all 10,000 within 10 s (≥ 1,000/s).
 *
 * <p>Arguments: {@code [invoices] [tenants]} (10000, 10). Run as the other benchmarks:
 * {@code ./mvnw -q -Pbench verify -pl hub -am}.
 */
public final class InvoiceReminderBenchmark {

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private InvoiceReminderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int tenantCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        WireMockServer stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .containerThreads(64));
        stripe.start();
        stripe.stubFor(WireMock.post(WireMock.urlEqualTo("/v1/checkout/sessions")).willReturn(WireMock.okJson(
                "{\"id\":\"cs_bench\",\"url\":\"https://checkout.stripe.com/c/pay/cs_bench\"}")));
        String[] arguments = {"--server.port=0", "--wahub.data-dir=" + Files.createTempDirectory("wahub-bench-"),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--wahub.features.api.calls-per-minute=100000000", "--wahub.outbound.allowed-hosts=localhost",
                "--wahub.outbound.http-hosts=localhost"};
        try (ConfigurableApplicationContext hub = new SpringApplication(WahubApplication.class).run(arguments)) {
            int port = ((ServletWebServerApplicationContext) hub).getWebServer().getPort();
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            HttpClient http = HttpClient.newHttpClient();
            Map<String, String> keys = new java.util.LinkedHashMap<>();
            for (int t = 0; t < tenantCount; t++) {
                String tenant = "bench-inv-" + t + "-" + Long.toString(System.nanoTime(), 36);
                keys.put(tenant, setUp(hub, jdbc, http, tenant, port, stripe.baseUrl()));
            }
            System.out.printf("=== Wahub invoice reminder benchmark: %,d invoices, %d tenants, policy gate on ===%n",
                    invoices, tenantCount);
            long started = System.nanoTime();
            create(http, port, keys, invoices);
            SqlArrayValue tenants = new SqlArrayValue("text", keys.keySet().toArray());
            await(() -> count(jdbc, tenants, "issued", "sent") >= invoices, Duration.ofMinutes(10));
            System.out.printf("  setup: %,d invoices created and their messages sent in %.1f s%n", invoices,
                    (System.nanoTime() - started) / 1e9);

            Instant due = jdbc.sql("SELECT date_trunc('milliseconds', now() + interval '10 seconds')")
                    .query(java.sql.Timestamp.class).single().toInstant();
            int moved = jdbc.sql("""
                            UPDATE feature_timer SET due_at = :due
                            WHERE tenant_id = ANY(:tenants) AND feature_id = 'invoices' AND key LIKE '%:reminder'
                            """).param("due", java.sql.Timestamp.from(due)).param("tenants", tenants).update();
            System.out.printf("  %,d reminder timers due at %s; waiting for them to be sent%n", moved, due);
            await(() -> count(jdbc, tenants, "reminder:0", "sent") >= invoices, Duration.ofMinutes(10));
            Map<String, Object> figures = jdbc.sql("""
                            SELECT count(*) AS sent,
                                   percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS p50,
                                   percentile_cont(0.99) WITHIN GROUP (ORDER BY late) AS p99, max(late) AS max
                            FROM (SELECT extract(epoch FROM updated_at - :due) * 1000 AS late FROM message
                                  WHERE tenant_id = ANY(:tenants) AND status = 'sent'
                                    AND idempotency_key LIKE 'invoices:%:reminder:0') t
                            """).param("due", java.sql.Timestamp.from(due)).param("tenants", tenants)
                    .query().singleRow();
            Map<String, Object> stages = jdbc.sql("""
                            SELECT (SELECT extract(epoch FROM max(processed_at) - :due) * 1000 FROM inbox_event
                                    WHERE tenant_id = ANY(:tenants) AND type = 'timer.due'
                                      AND delivery_id LIKE 'invoices:%:reminder:%') AS timers_done,
                                   (SELECT extract(epoch FROM max(created_at) - :due) * 1000 FROM message
                                    WHERE tenant_id = ANY(:tenants) AND idempotency_key LIKE 'invoices:%:reminder:0')
                                       AS stored
                            """).param("due", java.sql.Timestamp.from(due)).param("tenants", tenants)
                    .query().singleRow();
            System.out.printf("  stages: last reminder timer done (onTimer run, committed) %.0f ms, last reminder"
                    + " stored %.0f ms after the due instant%n", ((Number) stages.get("timers_done")).doubleValue(),
                    ((Number) stages.get("stored")).doubleValue());
            long suppressed = count(jdbc, tenants, "reminder:0", "suppressed");
            double seconds = ((Number) figures.get("max")).doubleValue() / 1000.0;
            double perSecond = ((Number) figures.get("sent")).longValue() / seconds;
            System.out.printf("  reminders sent: %,d (suppressed %d); last sent %.2f s after they fell due%n",
                    ((Number) figures.get("sent")).longValue(), suppressed, seconds);
            System.out.printf("  lateness, sent - due: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    ((Number) figures.get("p50")).doubleValue(), ((Number) figures.get("p99")).doubleValue(),
                    ((Number) figures.get("max")).doubleValue());
            System.out.printf("RESULT %.0f reminders/s, all %,d sent within %.1f s: %s (target: 10,000 within 10 s,"
                    + " >= 1000/s)%n", perSecond, invoices, seconds, seconds <= 10 && perSecond >= 1000 ? "PASS"
                    : "FAIL");
        } finally {
            stripe.stop();
        }
        System.exit(0);
    }

    /** A tenant on the sandbox with Stripe (WireMock) and invoices on: one reminder, on the due date. */
    private static String setUp(ConfigurableApplicationContext hub, JdbcClient jdbc, HttpClient http, String tenant,
                                int port, String stripe) throws Exception {
        jdbc.sql("""
                INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                VALUES ('bench', 'Benchmark', NULL, 100000000, NULL, 100) ON CONFLICT DO NOTHING
                """).update();
        hub.getBean(TenantRepository.class).create(tenant, "Benchmark shop " + tenant, "bench");
        String secret = ApiKeySecrets.generate();
        hub.getBean(ApiKeyRepository.class).insert(new ApiKey(UUID.randomUUID(), tenant, "bench",
                ApiKeySecrets.prefix(secret), Set.of(io.wahub.hub.security.Scope.values()), 100_000_000, null, null,
                null, "benchmark", null, Instant.now(), Set.of("invoices")), ApiKeySecrets.sha256(secret));
        String base = "http://localhost:" + port + "/api/v1/tenants/" + tenant;
        expect(http, secret, "PUT", base + "/connectors/stripe", """
                {"settings":{"webhookSecret":"whsec_bench","secretKey":"sk_test_bench","apiBaseUrl":"%s"}}"""
                .formatted(stripe), 200);
        expect(http, secret, "PUT", base + "/features/invoices", """
                {"enabled":true,"settings":{"successUrl":"https://shop.example/paid","daysBefore":0,"onDueDate":true,
                 "overdueEveryDays":0,"maxReminders":1}}""", 200);
        return secret;
    }

    private static void create(HttpClient http, int port, Map<String, String> keys, int invoices)
            throws InterruptedException {
        List<Map.Entry<String, String>> tenants = new ArrayList<>(keys.entrySet());
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 32; c++) {
                clients.execute(() -> {
                    for (int i = next.getAndIncrement(); i < invoices; i = next.getAndIncrement()) {
                        Map.Entry<String, String> tenant = tenants.get(i % tenants.size());
                        try {
                            expect(http, tenant.getValue(), "POST", "http://localhost:" + port + "/api/v1/tenants/"
                                    + tenant.getKey() + "/features/invoices/invoices", """
                                    {"reference":"B-%d","contact":{"phone":"+49151%08d","name":"Customer %d"},
                                     "currency":"EUR","lines":[{"description":"Order","unitAmountMinor":2999}],
                                     "dueDate":"%s"}""".formatted(i, NUMBERS.getAndIncrement(), i, due), 201);
                        } catch (Exception e) {
                            if (failures.incrementAndGet() == 1) {
                                System.out.println("  first failure: " + e.getMessage());
                            }
                        }
                    }
                });
            }
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.MINUTES);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " invoices failed to be created");
        }
    }

    private static long count(JdbcClient jdbc, SqlArrayValue tenants, String what, String status) {
        return jdbc.sql("""
                        SELECT count(*) FROM message WHERE tenant_id = ANY(:tenants) AND status = :status
                          AND idempotency_key LIKE :key
                        """).param("tenants", tenants).param("status", status).param("key", "invoices:%:" + what)
                .query(Long.class).single();
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

    private static String expect(HttpClient http, String key, String method, String url, String body, int status)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
