package io.wahub.hub.message;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.wahub.hub.WahubProperties;
import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps sends under each channel key's throughput (a WhatsApp number's messages per second) with one token bucket
 * per (channel, key, rate). By default the buckets live in PostgreSQL ({@code send_rate_bucket}, bucket4j's
 * select-for-update proxy), so all delivery nodes share one budget per number; with
 * {@code wahub.delivery.shared-throttle=false} each node keeps its own in memory (cheaper, but each node may then
 * send at the full rate).
 */
@Component
public class SendThrottle {

    private record Key(String channel, String key, int perSecond) {
        String id() {
            return channel + ":" + key + ":" + perSecond;
        }
    }

    private final ProxyManager<String> shared;
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
                        .expiresAtColumn("expires_at").build()
                : null;
    }

    /**
     * Takes one send from the key's budget.
     *
     * @return empty when the send may go now, else how long to wait before the budget has room
     */
    public Optional<Duration> acquire(String channel, SendRate rate) {
        Bucket bucket = buckets.get(new Key(channel, rate.key(), rate.perSecond()), this::bucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(Key key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(key.perSecond())
                        .refillGreedy(key.perSecond(), Duration.ofSeconds(1)).build())
                .build();
        return shared == null ? Bucket.builder().addLimit(configuration.getBandwidths()[0]).build()
                : shared.builder().build(key.id(), () -> configuration);
    }
}
