package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * A flow "test" batching what is sent to {@code seda:items} with the settings a subclass gives, recording each batch
 * and when it closed, and when the bus's consumer took the first item (it may start polling a while after the
 * context started).
 */
abstract class BatchRecording extends CamelTestSupport {

    /** Each batch and when it was closed. */
    final List<Closed> batches = new CopyOnWriteArrayList<>();
    final AtomicLong firstTaken = new AtomicLong();

    record Closed(List<String> items, long atNanos) {
    }

    /**
     * Sends two items a quarter of {@code interval} apart and asserts they close as one batch, the interval after the
     * first (not on a clock of the route's own).
     */
    void twoItemsAQuarterIntervalApart_closeTogether_theIntervalAfterTheFirst(long intervalMillis) throws Exception {
        long first = System.nanoTime();
        template.sendBody("seda:items", "a");
        Thread.sleep(intervalMillis / 4);
        template.sendBody("seda:items", "b");

        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.getFirst().items()).containsExactly("a", "b");
        assertThat(Duration.ofNanos(batches.getFirst().atNanos() - first))
                .isGreaterThanOrEqualTo(Duration.ofMillis(intervalMillis - 20))
                .isLessThan(Duration.ofMillis(intervalMillis * 4));
    }

    /** Sends three items at once and asserts they close as one batch; returns it. */
    Closed threeItemsAtOnce_closeAsOneBatch() {
        template.sendBody("seda:items", "a");
        template.sendBody("seda:items", "b");
        template.sendBody("seda:items", "c");
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.getFirst().items()).containsExactly("a", "b", "c");
        return batches.getFirst();
    }

    /** The flow's settings, without their {@code wahub.test.} prefix. */
    abstract Map<String, String> settings();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        settings().forEach((name, value) -> properties.put("wahub.test." + name, value));
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
}
