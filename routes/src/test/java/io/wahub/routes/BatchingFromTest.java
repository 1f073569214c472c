package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Closing when idle from a fill of three, on the in-process bus with a free thread: a batch with fewer waits for its
 * interval, gathering what arrives meanwhile; one that reaches three closes at once, long before its interval.
 */
class BatchingFromTest extends CamelTestSupport {

    private static final long INTERVAL_MILLIS = 600;

    private final List<Closed> batches = new CopyOnWriteArrayList<>();
    /** When the bus's consumer took the first item (it may start polling a while after the context started). */
    private final AtomicLong firstTaken = new AtomicLong();

    record Closed(List<String> items, long atNanos) {
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("wahub.test.close-when-idle", "true");
        properties.put("wahub.test.close-when-idle-from", "3");
        properties.put("wahub.test.batch-interval-ms", String.valueOf(INTERVAL_MILLIS));
        properties.put("wahub.test.batch-size", "10");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                Batching.batches(from("seda:items").process(exchange -> firstTaken.compareAndSet(0, System.nanoTime())),
                                getContext(), "test", "seda:items")
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
    void aBatchBelowItsFill_waitsForItsInterval_withWhatArrivedMeanwhile() throws Exception {
        long first = System.nanoTime();
        template.sendBody("seda:items", "a");
        Thread.sleep(INTERVAL_MILLIS / 4);
        template.sendBody("seda:items", "b");

        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.getFirst().items()).containsExactly("a", "b");
        assertThat(Duration.ofNanos(batches.getFirst().atNanos() - first))
                .isGreaterThanOrEqualTo(Duration.ofMillis(INTERVAL_MILLIS - 20));
    }

    @Test
    void aBatchReachingItsFill_closesAtOnce_whileAThreadIsFree() throws Exception {
        template.sendBody("seda:items", "a");
        template.sendBody("seda:items", "b");
        template.sendBody("seda:items", "c");

        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.getFirst().items()).containsExactly("a", "b", "c");
        assertThat(Duration.ofNanos(batches.getFirst().atNanos() - firstTaken.get())).isLessThan(Duration.ofMillis(
                INTERVAL_MILLIS / 2));
    }
}
