package io.wahub.hub.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Per-minute token buckets (Bucket4j) kept in PostgreSQL's {@code rate_limit_bucket}, so every hub node draws from
 * the same buckets.
 *
 * <p>Trade-off for latency: each bucket uses Bucket4j's <em>delaying</em> optimisation. A node consumes from its
 * local copy of the bucket and writes back to PostgreSQL after {@code limit / 20} tokens or {@value #SYNC_MILLIS} ms,
 * whichever comes first; so most checks cost no database round trip, and across {@code n} nodes a tenant can exceed
 * its limit by at most about {@code n × limit / 20} calls per synchronisation window. Small limits ({@code < 20} per
 * minute) synchronise on every call and are exact.
 */
@Component
public class RateLimiter {

    static final long SYNC_MILLIS = 250;

    private record BucketKey(String id, long perMinute) {
    }

    private final ProxyManager<String> buckets;
    private final Cache<BucketKey, BucketProxy> proxies = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();

    public RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state")
                .build();
    }

    /**
     * Takes one call from bucket {@code id} allowing {@code perMinute} calls a minute.
     *
     * @return empty when allowed, else how many nanoseconds until a call will be allowed
     */
    public OptionalLong tryConsume(String id, long perMinute) {
        BucketProxy bucket = proxies.get(new BucketKey(id, perMinute), this::bucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(probe.getNanosToWaitForRefill());
    }

    private BucketProxy bucket(BucketKey key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(key.perMinute())
                        .refillGreedy(key.perMinute(), Duration.ofMinutes(1)))
                .build();
        // The limit is part of the stored id: a re-planned tenant (or re-limited key) starts a fresh bucket.
        var builder = buckets.builder();
        if (key.perMinute() >= 20) {
            builder = builder.withOptimization(Optimizations.delaying(new DelayParameters(key.perMinute() / 20,
                    Duration.ofMillis(SYNC_MILLIS))));
        }
        return builder.build(key.id() + "@" + key.perMinute() + "/min", () -> configuration);
    }
}
