package io.wahub.hub.message;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.wahub.hub.WahubProperties;
import io.wahub.hub.apikey.BucketExpiry;
import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps sends under each channel key's throughput (a WhatsApp number's messages per second) with one token bucket
 * per (channel, key, rate). By default the buckets live in PostgreSQL ({@code send_rate_bucket}, bucket4j's
 * select-for-update proxy), so all delivery nodes share one budget per number; with
 * {@code wahub.delivery.shared-throttle=false} each node keeps its own in memory (cheaper, but each node may then
 * send at the full rate). A shared bucket's row expires once the bucket is full again and is then deleted
 * ({@link BucketExpiry}).
 *
 * <p>A shared budget of at least {@value #DELAYED_SYNC_FROM} sends a second is not asked on every batch: with
 * bucket4j's delaying optimisation each node spends up to a tenth of a second's budget locally and then settles with
 * PostgreSQL (at the latest after {@value #MAX_UNSYNCED_MILLIS} ms). That saves most of the row locks on a busy
 * number, at the cost of exactness at the edge: each node may overshoot the rate by that tenth within a second
 * (Meta answers an overshoot with a retryable throughput error). Smaller budgets are asked every time and are exact.
 * The bound on unsettled sends is what limits the overshoot; the time bound only limits how stale a node's view of
 * the others' sends may get. It is five seconds so that a number far below its budget (a shop sending a message a
 * second on the default 80) settles every few messages rather than at every one: a settlement is four statements
 * (a row lock, its update and the transaction around them).
 */
@Component
public class SendThrottle {

    private record Key(String channel, String key, int perSecond) {
        String id() {
            return channel + ":" + key + ":" + perSecond;
        }
    }

    static final int DELAYED_SYNC_FROM = 20;
    static final long MAX_UNSYNCED_MILLIS = 5_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> shared;
    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    /** An in-memory throttle (tests, single node). */
    public SendThrottle() {
        this.shared = null;
    }

    @Autowired
    public SendThrottle(WahubProperties properties, DataSource dataSource) {
        this.shared = properties.delivery().sharedThrottle()
                ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("send_rate_bucket").idColumn("id").stateColumn("state")
                        .expiresAtColumn("expires_at").expirationAfterWrite(BucketExpiry.STRATEGY).build()
                : null;
    }

    /** Deletes the shared buckets that expired ({@link BucketExpiry}). */
    @Scheduled(fixedDelayString = "${wahub.rate-limits.cleanup-ms:60000}",
            initialDelayString = "${wahub.rate-limits.cleanup-ms:60000}")
    public int removeExpired() {
        return shared == null ? 0 : BucketExpiry.removeExpired(shared, "send_rate_bucket");
    }

    /**
     * Takes as many of {@code wanted} sends as the key's budget has room for now, in one step (one round trip for
     * a shared budget, whatever the batch size).
     *
     * @return how many of the sends may go now, from 0 to {@code wanted}
     */
    public int acquire(String channel, SendRate rate, int wanted) {
        Bucket bucket = buckets.get(new Key(channel, rate.key(), rate.perSecond()), this::bucket);
        return (int) bucket.tryConsumeAsMuchAsPossible(wanted);
    }

    /** Returns sends that were taken but not made (their messages turned out to be sent already, say). */
    public void giveBack(String channel, SendRate rate, int count) {
        buckets.get(new Key(channel, rate.key(), rate.perSecond()), this::bucket).addTokens(count);
    }

    private Bucket bucket(Key key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(key.perSecond())
                        .refillGreedy(key.perSecond(), Duration.ofSeconds(1)).build())
                .build();
        if (shared == null) {
            return Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
        }
        var builder = shared.builder();
        if (key.perSecond() >= DELAYED_SYNC_FROM) {
            builder = builder.withOptimization(Optimizations.delaying(new DelayParameters(key.perSecond() / 10,
                    Duration.ofMillis(MAX_UNSYNCED_MILLIS))));
        }
        return builder.build(key.id(), () -> configuration);
    }
}
