package io.wahub.routes;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.model.AggregateDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Groups the references arriving on a bus into batches, so the database work behind them is done in a few
 * statements per batch rather than a few per item. A batch closes at {@code batch-size} references or after
 * {@code batch-interval-ms}, whichever comes first, and is handled by one of {@code concurrency} threads.
 *
 * <p>The threads are a fixed pool of the flow's own, not one of Camel's: with virtual threads enabled, Camel's pools
 * start a thread per task whatever their size, and the number of batches in flight (transactions, connections,
 * parallel sends) would then grow with the backlog. When every thread is busy and {@value #WAITING_BATCHES}
 * batches wait, the thread that closed the next batch handles it itself, which slows the reading of the bus down
 * (the bus is bounded; the database holds the rest and the recovery sweep brings it back).
 *
 * <p>Settings per flow, under {@code wahub.<flow>}: {@code batch-size}, {@code batch-interval-ms},
 * {@code concurrency}.
 */
final class Batching {

    static final int WAITING_BATCHES = 64;

    private Batching() {
    }

    /** Batches {@code route}'s bodies into lists, handled by the returned definition's outputs. */
    static AggregateDefinition batches(ProcessorDefinition<?> route, CamelContext camel, String flow) {
        return route.aggregate(AggregationStrategies.groupedBody()).constant(true)
                .completionSize("{{wahub." + flow + ".batch-size:100}}")
                .completionInterval("{{wahub." + flow + ".batch-interval-ms:5}}")
                .parallelProcessing()
                .executorService(pool(camel, flow));
    }

    private static ExecutorService pool(CamelContext camel, String flow) {
        int threads = Integer.parseInt(camel.resolvePropertyPlaceholders("{{wahub." + flow + ".concurrency:2}}"));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WAITING_BATCHES), Thread.ofPlatform().name(flow + "-batch-", 0).daemon()
                        .factory(), new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            camel.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws InterruptedException {
                    pool.shutdown();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not register the " + flow + " pool with Camel", e);
        }
        return pool;
    }
}
