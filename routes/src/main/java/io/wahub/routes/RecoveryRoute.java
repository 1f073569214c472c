package io.wahub.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.camel.Endpoint;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.stereotype.Component;

/**
 * Periodically re-announces work the database says is due but no node is doing: events stored before a crash
 * (acknowledged but never dispatched), messages whose retry time has come, and claims abandoned by a dead node.
 *
 * <p>A flow is not swept while this node still has its work queued (the in-process bus holds references, or
 * batches wait for a thread): after a burst, what is past its grace is most likely in that queue, and announcing it
 * again would only make the node claim it twice. A busy node still sweeps every {@value #LONGEST_SKIP_SECONDS} s,
 * so work left by another node, or a retry, waits at most that long.
 */
@Component
public class RecoveryRoute extends RouteBuilder {

    static final int BATCH = 2_000;
    static final long LONGEST_SKIP_SECONDS = 30;

    private final EventDispatch dispatch;
    private final MessageDelivery delivery;
    private final AtomicLong eventsSweptAt = new AtomicLong(System.nanoTime());
    private final AtomicLong messagesSweptAt = new AtomicLong(System.nanoTime());
    private final Map<String, Endpoint> buses = new ConcurrentHashMap<>();

    public RecoveryRoute(EventDispatch dispatch, MessageDelivery delivery) {
        this.dispatch = dispatch;
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        from(Endpoints.RECOVERY_TIMER)
                .routeId("recover-overdue-events-and-due-messages")
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .setBody(exchange -> overdueEvents()) // lambdas, not bean calls: every second on every node
                .split(body())
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.EVENTS_TO)
                .end()
                .setBody(exchange -> dueMessages())
                .split(body())
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.MESSAGES_TO)
                .end();
    }

    /** Overdue events to announce: none while this node has events queued (but see the class comment). */
    private List<String> overdueEvents() {
        return sweep("dispatch", Endpoints.EVENTS_FROM, eventsSweptAt, dispatch::overdueEvents);
    }

    /** Due messages to announce: none while this node has messages queued (but see the class comment). */
    private List<String> dueMessages() {
        return sweep("delivery", Endpoints.MESSAGES_FROM, messagesSweptAt, delivery::dueMessages);
    }

    private List<String> sweep(String flow, String bus, AtomicLong sweptAt, IntFunction<List<String>> due) {
        long now = System.nanoTime();
        boolean queued = queuedOnThisNode(bus) > 0 || Batching.waitingBatches(getContext(), flow) > 0;
        if (queued && now - sweptAt.get() < TimeUnit.SECONDS.toNanos(LONGEST_SKIP_SECONDS)) {
            return List.of();
        }
        sweptAt.set(now);
        return due.apply(BATCH);
    }

    /** References waiting on the in-process bus (a Kafka bus's backlog is the broker's, not this node's). */
    private int queuedOnThisNode(String bus) {
        // looked up once: resolving the placeholder and normalising the URI took as many of an idle hub's profile
        // samples as the sweep's queries
        Endpoint endpoint = buses.computeIfAbsent(bus,
                b -> getContext().getEndpoint(getContext().resolvePropertyPlaceholders(b)));
        return endpoint instanceof SedaEndpoint seda ? seda.getCurrentQueueSize() : 0;
    }
}
