package io.wahub.hub.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-minute token buckets (Bucket4j) kept in PostgreSQL's {@code rate_limit_bucket}, so every hub node draws from
 * the same buckets (select-for-update proxy manager): API keys' and plans' limits, and sign-in limits. A bucket's
 * row expires once the bucket is full again and is then deleted ({@link BucketExpiry}).
 *
 * <p>Trade-off for latency: a bucket allowing {@code n ≥ 20} calls a minute is not asked on every call. Each node
 * takes tokens from it in leases of {@code n / 20} and hands them out locally; it takes the next lease in the
 * background when half of the current one is used. So a call costs a counter decrement, not a database round trip,
 * and the limit still holds across nodes: a node can only hand out tokens it took from the shared bucket. The cost
 * is fairness at the edge: up to one lease per node ({@code n / 20} calls) can sit unused on one node while another
 * is refused. Buckets of fewer than 20 calls a minute are asked on every call and are exact.
 */
@Component
public class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    static final int LEASES_PER_LIMIT = 20;

    private record BucketKey(String id, long perMinute) {
    }

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final ExecutorService refills = Executors.newVirtualThreadPerTaskExecutor();
    private final Cache<BucketKey, LeasedBucket> local = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();

    public RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(BucketExpiry.STRATEGY)
                .build();
    }

    /** Deletes the buckets that expired ({@link BucketExpiry}). */
    @Scheduled(fixedDelayString = "${wahub.rate-limits.cleanup-ms:60000}",
            initialDelayString = "${wahub.rate-limits.cleanup-ms:60000}")
    public int removeExpired() {
        return BucketExpiry.removeExpired(buckets, "rate_limit_bucket");
    }

    /** Whole seconds to wait, rounded up and at least 1, for a {@code Retry-After} from {@link #tryConsume}'s nanos. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /**
     * Takes one call from bucket {@code id} allowing {@code perMinute} calls a minute.
     *
     * @return empty when allowed, else how many nanoseconds until a call will be allowed
     */
    public OptionalLong tryConsume(String id, long perMinute) {
        return local.get(new BucketKey(id, perMinute), this::bucket).tryConsume();
    }

    private LeasedBucket bucket(BucketKey key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(key.perMinute())
                        .refillGreedy(key.perMinute(), Duration.ofMinutes(1)))
                .build();
        // The limit is part of the stored id: a re-planned tenant (or re-limited key) starts a fresh bucket.
        BucketProxy shared = buckets.builder()
                .build(key.id() + "@" + key.perMinute() + "/min", () -> configuration);
        return new LeasedBucket(shared, Math.max(1, key.perMinute() / LEASES_PER_LIMIT));
    }

    /** Tokens this node took from a shared bucket and hands out locally. */
    private final class LeasedBucket {

        private final BucketProxy shared;
        private final long lease;
        private final AtomicLong available = new AtomicLong();
        private final AtomicBoolean refilling = new AtomicBoolean();
        private final ReentrantLock takingLease = new ReentrantLock();

        LeasedBucket(BucketProxy shared, long lease) {
            this.shared = shared;
            this.lease = lease;
        }

        OptionalLong tryConsume() {
            if (lease == 1) {
                return exact();
            }
            long left = available.decrementAndGet();
            if (left >= 0) {
                if (left < lease / 2) {
                    refillInBackground();
                }
                return OptionalLong.empty();
            }
            available.incrementAndGet();
            // Out of local tokens: one thread takes the next lease while the others wait for it, so a burst on a
            // cold node does not drain the shared bucket into several leases at once.
            takingLease.lock();
            try {
                if (available.decrementAndGet() >= 0) {
                    return OptionalLong.empty();
                }
                available.incrementAndGet();
                long taken = shared.tryConsumeAsMuchAsPossible(lease);
                if (taken > 0) {
                    available.addAndGet(taken - 1);
                    return OptionalLong.empty();
                }
                return exact();
            } finally {
                takingLease.unlock();
            }
        }

        private OptionalLong exact() {
            ConsumptionProbe probe = shared.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(probe.getNanosToWaitForRefill());
        }

        private void refillInBackground() {
            if (refilling.compareAndSet(false, true)) {
                refills.execute(() -> {
                    try {
                        available.addAndGet(shared.tryConsumeAsMuchAsPossible(lease));
                    } catch (RuntimeException e) {
                        LOG.warn("Could not take a rate-limit lease from PostgreSQL: {}", e.toString());
                    } finally {
                        refilling.set(false);
                    }
                });
            }
        }
    }
}
