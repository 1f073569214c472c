package io.wahub.bench;

import io.wahub.hub.WahubApplication;
import io.wahub.hub.apikey.ApiKey;
import io.wahub.hub.apikey.ApiKeyAuthenticator;
import io.wahub.hub.apikey.ApiKeyRepository;
import io.wahub.hub.apikey.ApiKeySecrets;
import io.wahub.hub.security.Scope;
import io.wahub.hub.tenant.TenantRepository;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What API-key authentication plus the rate-limit check cost per request under an offered load of 2,000 requests
 * per second: the hub's {@link ApiKeyAuthenticator} (SHA-256 of the secret, key lookup, expiry/revocation checks,
 * the key's and the tenant plan's Bucket4j buckets in PostgreSQL, usage metering) timed call by call, spread over
 * 4 keys of one tenant, on the real application (embedded PostgreSQL, or {@code WAHUB_DB_URL} when set).
 *
 * <p>Prints p50, p90, p99, p99.9 and max of the service time, and of the response time measured from each call's
 * scheduled start (which also counts any queueing). Arguments: {@code [ratePerSecond] [seconds]}.
 *
 * <p>Run from the repository root (JDK 25):
 * <pre>
 * ./mvnw -B verify -pl hub -am -Dskip.frontend=true -DskipTests
 * ./mvnw -B -q -pl hub dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -cp hub/target/test-classes:hub/target/classes:$(cat hub/target/bench.classpath) \
 *     io.wahub.bench.AuthBenchmark 2000 15
 * </pre>
 */
public final class AuthBenchmark {

    private AuthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        SpringApplication application = new SpringApplication(WahubApplication.class);
        // command-line arguments: unlike default properties, they override application.properties
        String[] arguments = {"--server.port=0",
                "--wahub.data-dir=" + Files.createTempDirectory("wahub-bench-"),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off"};
        try (ConfigurableApplicationContext hub = application.run(arguments)) {
            ApiKeyAuthenticator authenticator = hub.getBean(ApiKeyAuthenticator.class);
            String[] keys = setUp(hub);
            System.out.printf("warm-up: %d s at %d req/s%n", 3, rate);
            run(authenticator, keys, rate, 3);
            System.out.printf("measuring: %d s at %d req/s offered, %d keys of one tenant%n", seconds, rate,
                    keys.length);
            long[][] result = run(authenticator, keys, rate, seconds);
            report("service time (auth + rate limit)", result[0]);
            report("response time from scheduled start", result[1]);
            double p99 = percentile(result[0], 99) / 1_000_000.0;
            System.out.printf("RESULT p99 %.3f ms: %s (target < 1 ms)%n", p99, p99 < 1.0 ? "PASS" : "FAIL");
        }
        System.exit(0);
    }

    private static String[] setUp(ConfigurableApplicationContext hub) {
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        jdbc.sql("""
                INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                VALUES ('bench', 'Benchmark', NULL, 10000000, NULL, 100) ON CONFLICT DO NOTHING
                """).update();
        String tenant = "bench-" + Long.toString(System.nanoTime(), 36);
        hub.getBean(TenantRepository.class).create(tenant, "Benchmark shop " + tenant, "bench");
        ApiKeyRepository repository = hub.getBean(ApiKeyRepository.class);
        String[] keys = new String[4];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ApiKeySecrets.generate();
            repository.insert(new ApiKey(UUID.randomUUID(), tenant, "bench " + i, ApiKeySecrets.prefix(keys[i]),
                    EnumSet.allOf(Scope.class), 1_000_000, null, null, null, "benchmark", null, Instant.now()),
                    ApiKeySecrets.sha256(keys[i]));
        }
        return keys;
    }

    /** @return service times and response times (from the scheduled start), in nanoseconds */
    private static long[][] run(ApiKeyAuthenticator authenticator, String[] keys, int rate, int seconds)
            throws InterruptedException {
        int total = rate * seconds;
        long[] service = new long[total];
        long[] response = new long[total];
        AtomicInteger failures = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int n = i;
                workers.execute(() -> {
                    long begin = System.nanoTime();
                    try {
                        authenticator.authenticate(keys[n % keys.length]);
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() == 1) {
                            System.out.println("  first refusal: " + e);
                        }
                    }
                    long end = System.nanoTime();
                    service[n] = end - begin;
                    response[n] = end - scheduled;
                });
            }
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("  %d calls in %.2f s (%.0f/s), %d refused%n", total, elapsed / 1e9,
                total / (elapsed / 1e9), failures.get());
        return new long[][] {service, response};
    }

    private static void report(String label, long[] nanos) {
        System.out.printf("  %-36s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n", label,
                percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6,
                percentile(nanos, 99.9) / 1e6, Arrays.stream(nanos).max().orElse(0) / 1e6);
    }

    private static long percentile(long[] nanos, double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }
}
