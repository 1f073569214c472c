package io.wahub.hub.apikey;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expiry of the Bucket4j rows in PostgreSQL ({@code rate_limit_bucket}, {@code send_rate_bucket}): each write sets a
 * row's {@code expires_at} to when its bucket will be full again (plus {@link #KEEP_FULL}), the moment from which
 * the row says nothing a fresh bucket would not; a periodic sweep on every node deletes expired rows in batches
 * (Bucket4j's {@code removeExpired}, which skips rows locked by a concurrent use). Without it, every client address
 * and every key ever seen would keep a row forever.
 */
public final class BucketExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(BucketExpiry.class);
    static final Duration KEEP_FULL = Duration.ofSeconds(10);
    static final int BATCH = 1000;

    /** For proxy managers: a row expires once its bucket is full again, plus {@link #KEEP_FULL}. */
    public static final ExpirationAfterWriteStrategy STRATEGY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL);

    private BucketExpiry() {
    }

    /** Deletes every expired row of {@code table}, a batch at a time; a failure is logged, not thrown. */
    public static int removeExpired(ExpiredEntriesCleaner cleaner, String table) {
        int removed = 0;
        try {
            int batch;
            do {
                batch = cleaner.removeExpired(BATCH);
                removed += batch;
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove expired rows of {}: {}", table, e.toString());
        }
        if (removed > 0) {
            LOG.debug("Removed {} expired rows of {}", removed, table);
        }
        return removed;
    }
}
