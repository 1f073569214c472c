package io.wahub.plugins.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wahub.sdk.FeatureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How starts are batched and judged, on a store that keeps the buckets in memory and holds its first statement until
 * the test lets it go. The statements' SQL is exercised against PostgreSQL by the hub's OTP tests
 * ({@code OtpQuotaAndConcurrencyTest}, {@code OtpGuardTest}).
 */
class VelocityReservationsTest {

    static final Instant NOW = Instant.parse("2026-05-24T08:11:15Z");
    /** At most 3 sends to one prefix within the hour. */
    static final OtpSettings THREE_PER_PREFIX = new OtpSettings(null, null, null, null, null, null, null, null, 3,
            null);

    final VelocityReservations reservations = new VelocityReservations();
    final BucketStore store = new BucketStore();

    @Test
    void startsArrivingWhileAStatementRuns_areCountedTogetherByTheNext_andAdmittedUpToTheLimit() throws Exception {
        Recipient first = Recipient.parse("+4915112340000").orElseThrow();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<FraudGuard.Refusal>> alone = clients.submit(() -> reserve(first));
            assertThat(store.entered.await(10, TimeUnit.SECONDS)).as("the first statement runs").isTrue();
            List<Future<Optional<FraudGuard.Refusal>>> together = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Recipient to = Recipient.parse("+491511234000" + i).orElseThrow();
                together.add(clients.submit(() -> reserve(to)));
            }
            waitFor(() -> reservations.waiting() == 5);
            store.proceed.countDown();

            assertThat(alone.get()).isEmpty();
            List<String> refusals = new ArrayList<>();
            int admitted = 0;
            for (Future<Optional<FraudGuard.Refusal>> answer : together) {
                Optional<FraudGuard.Refusal> refusal = answer.get();
                if (refusal.isEmpty()) {
                    admitted++;
                } else {
                    refusals.add(refusal.get().counter() + " " + refusal.get().problem().status());
                }
            }
            assertThat(admitted).as("admitted after the first, up to the prefix's 3").isEqualTo(2);
            assertThat(refusals).containsExactly("fraud-suspected.prefix 429", "fraud-suspected.prefix 429",
                    "fraud-suspected.prefix 429");
        }
        assertThat(store.statements).containsExactly("count 2 buckets", "count 2 buckets", "give back 2 buckets");
        assertThat(store.sends).containsEntry("prefix +491511234", 3L).containsEntry("country DE", 3L);
    }

    @Test
    void aFailingStatement_failsEveryStartItCounted_andTheNextStartIsCountedAgain() throws Exception {
        store.failNext = true;
        Recipient to = Recipient.parse("+4915112340000").orElseThrow();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<FraudGuard.Refusal>> failing = clients.submit(() -> reserve(to));
            store.proceed.countDown();
            assertThatThrownBy(failing::get).hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("the database is gone");
        }

        assertThat(reserve(to)).isEmpty();
        assertThat(store.sends).containsEntry("prefix +491511234", 1L);
    }

    private Optional<FraudGuard.Refusal> reserve(Recipient to) {
        return reservations.reserve(store, "shop", THREE_PER_PREFIX, to, NOW);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
            Thread.sleep(5);
        }
    }

    /** {@code otp_velocity} of one minute, in memory; the first statement waits for {@link #proceed}. */
    static final class BucketStore implements FeatureStore {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        final Map<String, Long> sends = new HashMap<>();
        final List<String> statements = new CopyOnWriteArrayList<>();
        volatile boolean failNext;

        @Override
        public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
            entered.countDown();
            try {
                proceed.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the database is gone");
            }
            List<Map<String, Object>> counted = new ArrayList<>();
            for (Object[] row : rows(params)) {
                long hour = sends.merge(row[1] + " " + row[2], ((Number) row[4]).longValue(), Long::sum);
                counted.add(Map.of("scope", row[1], "key", row[2], "minute", row[3], "hour", hour));
            }
            statements.add("count " + counted.size() + " buckets");
            return counted;
        }

        @Override
        public int update(String sql, Map<String, ?> params) {
            List<Object[]> rows = rows(params);
            rows.forEach(row -> sends.merge(row[1] + " " + row[2], -((Number) row[4]).longValue(), Long::sum));
            statements.add("give back " + rows.size() + " buckets");
            return rows.size();
        }

        @SuppressWarnings("unchecked")
        private static List<Object[]> rows(Map<String, ?> params) {
            return (List<Object[]>) params.get("rows");
        }

        @Override
        public <T> T transaction(Work<T> work) {
            throw new UnsupportedOperationException("not used by the reservations");
        }
    }
}
