package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Batching without closing when idle: a batch closes its interval after its first item (not on a clock of the
 * route's own), with what arrived meanwhile; or at its size, and the next batch then gets a whole interval.
 */
class BatchDeadlineTest extends CamelTestSupport {

    private static final long INTERVAL_MILLIS = 400;

    /** Each batch and when it was closed. */
    private final List<Closed> batches = new CopyOnWriteArrayList<>();

    record Closed(List<String> items, long atNanos) {
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("wahub.test.close-when-idle", "false");
        properties.put("wahub.test.batch-interval-ms", String.valueOf(INTERVAL_MILLIS));
        properties.put("wahub.test.batch-size", "3");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                Batching.batches(from("seda:items"), getContext(), "test", "seda:items")
                        .process(exchange -> {
                            @SuppressWarnings("unchecked")
                            List<String> batch = exchange.getMessage().getBody(List.class);
                            batches.add(new Closed(List.copyOf(batch), System.nanoTime()));
                        });
            }
        });
        context.start();
        return context;
    }

    @Test
    void aBatch_closesItsIntervalAfterItsFirstItem_withWhatArrivedMeanwhile() throws Exception {
        long first = System.nanoTime();
        template.sendBody("seda:items", "a");
        Thread.sleep(INTERVAL_MILLIS / 4);
        template.sendBody("seda:items", "b");

        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.getFirst().items()).containsExactly("a", "b");
        assertThat(Duration.ofNanos(batches.getFirst().atNanos() - first))
                .isGreaterThanOrEqualTo(Duration.ofMillis(INTERVAL_MILLIS - 20))
                .isLessThan(Duration.ofMillis(INTERVAL_MILLIS * 4));
    }

    @Test
    void aBatchClosedAtItsSize_leavesTheNextBatchAWholeInterval() throws Exception {
        template.sendBody("seda:items", "a");
        template.sendBody("seda:items", "b");
        template.sendBody("seda:items", "c");
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.getFirst().items()).containsExactly("a", "b", "c");

        Thread.sleep(INTERVAL_MILLIS / 2); // the first batch's deadline falls inside the next batch's interval
        long next = System.nanoTime();
        template.sendBody("seda:items", "d");
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(batches.get(1).items()).containsExactly("d");
        assertThat(Duration.ofNanos(batches.get(1).atNanos() - next))
                .isGreaterThanOrEqualTo(Duration.ofMillis(INTERVAL_MILLIS - 20));
    }
}
