package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Batching on the in-process bus with one thread and a backstop far beyond the test's waits: a lone item is taken at
 * once, items arriving while the thread is busy wait together, and they close as one batch when the thread finishes
 * (not at the backstop).
 */
class BatchingTest extends CamelTestSupport {

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstTaken = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("wahub.test.concurrency", "1");
        properties.put("wahub.test.backstop-ms", "60000");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                Batching.batches(from("seda:items"), getContext(), "test", "seda:items")
                        .process(exchange -> {
                            @SuppressWarnings("unchecked")
                            List<String> batch = exchange.getMessage().getBody(List.class);
                            batches.add(List.copyOf(batch));
                            if (batches.size() == 1) {
                                firstTaken.countDown();
                                release.await(30, TimeUnit.SECONDS);
                            }
                        });
            }
        });
        context.start();
        return context;
    }

    @Test
    void itemsArrivingWhileTheOnlyThreadIsBusy_closeAsOneBatch_whenItFinishes() throws Exception {
        template.sendBody("seda:items", "first");
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).as("a lone item is taken at once").isTrue();

        template.sendBody("seda:items", "second");
        template.sendBody("seda:items", "third");
        await().atMost(Duration.ofSeconds(5)).until(() -> context.getEndpoint("seda:items",
                org.apache.camel.component.seda.SedaEndpoint.class).getCurrentQueueSize() == 0);
        Thread.sleep(200); // both are aggregated, waiting for the thread
        assertThat(batches).hasSize(1);

        long released = System.nanoTime();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(5));
        assertThat(batches).containsExactly(List.of("first"), List.of("second", "third"));
    }
}
