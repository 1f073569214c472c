package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing when idle from a fill of three, on the in-process bus with a free thread: a batch with fewer waits for its
 * interval, gathering what arrives meanwhile; one that reaches three closes at once, long before its interval.
 */
class BatchingFromTest extends BatchRecording {

    private static final long INTERVAL_MILLIS = 600;

    @Override
    Map<String, String> settings() {
        return Map.of("close-when-idle", "true", "close-when-idle-from", "3",
                "batch-interval-ms", String.valueOf(INTERVAL_MILLIS), "batch-size", "10");
    }

    @Test
    void aBatchBelowItsFill_waitsForItsInterval_withWhatArrivedMeanwhile() throws Exception {
        twoItemsAQuarterIntervalApart_closeTogether_theIntervalAfterTheFirst(INTERVAL_MILLIS);
    }

    @Test
    void aBatchReachingItsFill_closesAtOnce_whileAThreadIsFree() {
        Closed batch = threeItemsAtOnce_closeAsOneBatch();
        assertThat(Duration.ofNanos(batch.atNanos() - firstTaken.get()))
                .isLessThan(Duration.ofMillis(INTERVAL_MILLIS / 2));
    }
}
