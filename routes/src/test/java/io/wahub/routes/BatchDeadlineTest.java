package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batching without closing when idle: a batch closes its interval after its first item (not on a clock of the
 * route's own), with what arrived meanwhile; or at its size, and the next batch then gets a whole interval.
 */
class BatchDeadlineTest extends BatchRecording {

    private static final long INTERVAL_MILLIS = 400;

    @Override
    Map<String, String> settings() {
        return Map.of("close-when-idle", "false", "batch-interval-ms", String.valueOf(INTERVAL_MILLIS),
                "batch-size", "3");
    }

    @Test
    void aBatch_closesItsIntervalAfterItsFirstItem_withWhatArrivedMeanwhile() throws Exception {
        twoItemsAQuarterIntervalApart_closeTogether_theIntervalAfterTheFirst(INTERVAL_MILLIS);
    }

    @Test
    void aBatchClosedAtItsSize_leavesTheNextBatchAWholeInterval() throws Exception {
        threeItemsAtOnce_closeAsOneBatch();

        Thread.sleep(INTERVAL_MILLIS / 2); // the first batch's deadline falls inside the next batch's interval
        long next = System.nanoTime();
        template.sendBody("seda:items", "d");
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(batches.get(1).items()).containsExactly("d");
        assertThat(Duration.ofNanos(batches.get(1).atNanos() - next))
                .isGreaterThanOrEqualTo(Duration.ofMillis(INTERVAL_MILLIS - 20));
    }
}
