package io.wahub.hub.message;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps sends under each channel key's throughput (a WhatsApp number's messages per second) with one token bucket
 * per (channel, key, rate). The buckets live in this node's memory: with several delivery nodes each allows the full
 * rate, so run one delivery node per number or lower the configured rate accordingly (a shared bucket in
 * PostgreSQL via bucket4j-postgresql is the next step).
 */
@Component
public class SendThrottle {

    private record Key(String channel, String key, int perSecond) {
    }

    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    /**
     * Takes one send from the key's budget.
     *
     * @return empty when the send may go now, else how long to wait before the budget has room
     */
    public Optional<Duration> acquire(String channel, SendRate rate) {
        Bucket bucket = buckets.get(new Key(channel, rate.key(), rate.perSecond()), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(key.perSecond())
                        .refillGreedy(key.perSecond(), Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
