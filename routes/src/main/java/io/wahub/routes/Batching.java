package io.wahub.routes;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.model.AggregateDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.processor.aggregate.DefaultAggregateController;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Groups the references arriving on a bus into batches, so the database work behind them is done in a few
 * statements per batch rather than a few per item. A batch closes at {@code batch-size} references or
 * {@code batch-interval-ms} after its first reference arrived, whichever comes first, and is handled by one of
 * {@code concurrency} threads. The interval is timed per batch ({@link BatchDeadline}): a node with nothing to batch
 * runs no timer.
 *
 * <p>With {@code close-when-idle}, on the in-process bus a batch also closes as soon as nothing more is queued
 * behind it and a thread is free to take it: a lone reference is handled at once rather than after the interval,
 * batches grow only while the threads are busy. A batch left open because every thread was busy is closed by the
 * next thread to finish, so the interval is then only a backstop ({@code backstop-ms}, default 1,000). On Kafka,
 * whose backlog this node does not see, {@code batch-interval-ms} alone closes batches.
 *
 * <p>With {@code close-when-idle-from} above 1, a batch closes that way only once it holds that many references; a
 * smaller one waits for more until {@code batch-interval-ms}, so that at a small shop's rates the fixed cost of a
 * batch is still shared by several items, while at a vendor's rates a batch closes as soon as it has its fill and a
 * thread is free, instead of waiting for {@code batch-size} (an interval's worth of latency at each stage).
 *
 * <p>The threads are a fixed pool of the flow's own, not one of Camel's: with virtual threads enabled, Camel's pools
 * start a thread per task whatever their size, and the number of batches in flight (transactions, connections,
 * parallel sends) would then grow with the backlog. When every thread is busy and {@value #WAITING_BATCHES}
 * batches wait, the thread that closed the next batch handles it itself, which slows the reading of the bus down
 * (the bus is bounded; the database holds the rest and the recovery sweep brings it back).
 *
 * <p>Acknowledgements come first. While at least {@code wahub.ingress.busy-requests} webhooks are being received
 * (a burst), each batch thread rests after a batch so that it works only {@code wahub.processing.busy-share} of its
 * time: the webhooks get the cores and are acknowledged promptly, and the work they leave is stored and done at
 * full speed once the burst is over (a rest ends early when it is). A vendor retries, and eventually disables, a
 * webhook that is not acknowledged within seconds; a message that goes out a little later loses nothing.
 *
 * <p>Settings per flow, under {@code wahub.<flow>}: {@code batch-size}, {@code batch-interval-ms},
 * {@code concurrency}, {@code close-when-idle} (default true; false: batches close at their size or
 * {@code batch-interval-ms} only), {@code close-when-idle-from} (default 1), {@code backstop-ms}.
 */
final class Batching {

    static final int WAITING_BATCHES = 64;
    /** The longest rest after one batch. */
    static final long MAX_REST_MILLIS = 1_000;
    /** How often a resting thread looks whether the ingress is still busy. */
    static final long REST_SLICE_MILLIS = 10;
    /** How many looks in a row must find the ingress not busy for a rest to end early. */
    static final int QUIET_LOOKS = 3;

    private Batching() {
    }

    /**
     * Batches {@code route}'s bodies, read from {@code bus}, into lists, handled by the returned definition's
     * outputs.
     */
    static AggregateDefinition batches(ProcessorDefinition<?> route, CamelContext camel, String flow, String bus) {
        boolean eager = Boolean.parseBoolean(camel.resolvePropertyPlaceholders(
                "{{wahub." + flow + ".close-when-idle:true}}"));
        int from = Integer.parseInt(camel.resolvePropertyPlaceholders("{{wahub." + flow + ".close-when-idle-from:1}}"));
        if (from < 1) {
            throw new IllegalArgumentException(
                    "wahub." + flow + ".close-when-idle-from must be at least 1, not " + from);
        }
        SedaEndpoint seda = eager && camel.getEndpoint(camel.resolvePropertyPlaceholders(bus)) instanceof SedaEndpoint s
                ? s : null;
        // closing from the first reference: the interval is only a backstop, a finishing thread closes the open batch
        boolean atOnce = seda != null && from == 1;
        DefaultAggregateController controller = new DefaultAggregateController();
        String delay = atOnce ? "backstop-ms:1000" : "batch-interval-ms:100";
        BatchDeadline deadline = new BatchDeadline(flow, controller,
                Long.parseLong(camel.resolvePropertyPlaceholders("{{wahub." + flow + "." + delay + "}}")));
        BatchPool pool = pool(camel, flow, atOnce ? controller : null, deadline);
        AggregateDefinition batches = route.aggregate(deadline).constant(true)
                .completionSize("{{wahub." + flow + ".batch-size:100}}")
                .aggregateController(controller)
                .parallelProcessing()
                .executorService(pool);
        return seda == null ? batches : batches.completionPredicate(exchange ->
                exchange.getProperty(ExchangePropertyKey.AGGREGATED_SIZE, 0, Integer.class) >= from
                        && seda.getCurrentQueueSize() == 0 && pool.hasFreeThread());
    }

    /** Batches of the flow waiting for a thread on this node (0 before the flow's route is built). */
    static int waitingBatches(CamelContext camel, String flow) {
        BatchPool pool = camel.getRegistry().lookupByNameAndType(poolName(flow), BatchPool.class);
        return pool == null ? 0 : pool.getQueue().size();
    }

    private static String poolName(String flow) {
        return "wahub-" + flow + "-batches";
    }

    private static BatchPool pool(CamelContext camel, String flow, DefaultAggregateController tails,
                                  BatchDeadline deadline) {
        int threads = Integer.parseInt(camel.resolvePropertyPlaceholders("{{wahub." + flow + ".concurrency:2}}"));
        int busyRequests = Integer.parseInt(camel.resolvePropertyPlaceholders("{{wahub.ingress.busy-requests:16}}"));
        double busyShare = Double.parseDouble(camel.resolvePropertyPlaceholders(
                "{{wahub.processing.busy-share:0.25}}"));
        if (busyShare <= 0 || busyShare > 1) {
            throw new IllegalArgumentException("wahub.processing.busy-share must be in (0, 1], not " + busyShare);
        }
        BatchPool pool = new BatchPool(flow, threads, camel, tails, busyRequests, busyShare);
        camel.getRegistry().bind(poolName(flow), pool);
        try {
            camel.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws InterruptedException {
                    deadline.stop();
                    pool.shutdown();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not register the " + flow + " pool with Camel", e);
        }
        return pool;
    }

    /** The flow's threads, resting after each batch while the webhook ingress is busy. */
    private static final class BatchPool extends ThreadPoolExecutor {

        private final CamelContext camel;
        private final InflightRepository inflight;
        /** Closes the batch left open while every thread was busy (null: batches close by size and interval). */
        private final DefaultAggregateController tails;
        private final int busyRequests;
        /** Rest per unit of work while the ingress is busy. */
        private final double restPerWork;
        private final ThreadLocal<Long> startedAt = new ThreadLocal<>();

        BatchPool(String flow, int threads, CamelContext camel, DefaultAggregateController tails, int busyRequests,
                  double busyShare) {
            super(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING_BATCHES),
                    Thread.ofPlatform().name(flow + "-batch-", 0).daemon().factory(), (task, pool) -> {
                        if (!pool.isShutdown()) { // the caller runs it, and rests as the pool's threads do
                            long start = System.nanoTime();
                            task.run();
                            ((BatchPool) pool).finished(System.nanoTime() - start);
                        }
                    });
            this.camel = camel;
            this.inflight = camel.getInflightRepository();
            this.tails = tails;
            this.busyRequests = busyRequests;
            this.restPerWork = (1 - busyShare) / busyShare;
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            startedAt.set(System.nanoTime());
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            finished(System.nanoTime() - startedAt.get());
        }

        /**
         * After a batch of {@code worked} nanoseconds: rests if the ingress is busy, then, the thread about to be
         * free, closes the batch that arrived while none was, for it to take.
         */
        void finished(long worked) {
            rest(worked);
            if (tails != null && !isShutdown() && camel.isStarted()) {
                tails.forceCompletionOfAllGroups();
            }
        }

        /** Whether a batch closed now would be taken by a thread at once. */
        boolean hasFreeThread() {
            return getActiveCount() < getMaximumPoolSize() && getQueue().isEmpty();
        }

        /**
         * After {@code worked} nanoseconds of work: rests while the ingress is busy, for at most the rest that work
         * earns. The rest is taken in slices of {@value #REST_SLICE_MILLIS} ms and ends once {@value #QUIET_LOOKS}
         * looks in a row find the ingress no longer busy: a burst of a few hundred milliseconds (a collection, a flush
         * the commits waited for) does not hold the stored work back for the whole rest after it is over. One quiet
         * look is not enough: under a steady flood, the requests a group commit releases together leave the ingress
         * nearly empty for a moment before their senders' next requests arrive.
         */
        private void rest(long worked) {
            if (restPerWork == 0 || !ingressBusy()) {
                return;
            }
            long until = System.nanoTime()
                    + Math.min((long) (worked * restPerWork), TimeUnit.MILLISECONDS.toNanos(MAX_REST_MILLIS));
            int quiet = 0;
            try {
                for (long left = until - System.nanoTime(); left > 0 && quiet < QUIET_LOOKS;
                     left = until - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(REST_SLICE_MILLIS)));
                    quiet = ingressBusy() ? 0 : quiet + 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean ingressBusy() {
            return inflight.size(WebhookIngressRoute.ID) + inflight.size(WebhookIngressRoute.APP_ID) >= busyRequests;
        }
    }
}
