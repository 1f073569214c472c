package io.wahub.routes;

import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.model.AggregateDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Groups the references arriving on a bus into batches, so the database work behind them is done in a few
 * statements per batch rather than a few per item. A batch closes at {@code batch-size} references or after
 * {@code batch-interval-ms}, whichever comes first, and is handled on a pool of {@code concurrency} threads; when
 * every thread is busy and a few batches wait, the thread reading the bus handles the next batch itself, which
 * slows the reading down (the bus is bounded, the database holds the rest and the recovery sweep brings it back).
 *
 * <p>Settings per flow, under {@code wahub.<flow>}: {@code batch-size}, {@code batch-interval-ms},
 * {@code concurrency}.
 */
final class Batching {

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
        int threads = Integer.parseInt(camel.resolvePropertyPlaceholders("{{wahub." + flow + ".concurrency:4}}"));
        return camel.getExecutorServiceManager().newThreadPool(Batching.class, flow + "-batches",
                new ThreadPoolProfileBuilder(flow + "-batches").poolSize(threads).maxPoolSize(threads)
                        .maxQueueSize(threads).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
    }
}
