package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Queued messages → the tenant's channel connector, with status tracking, retries and a dead-letter state. Messages
 * are delivered in batches (see {@link Batching}, settings {@code wahub.delivery.*}): one claim per batch, the sends
 * of a batch in parallel, each outcome recorded as its send returns. Messages over their number's throughput come
 * back onto the bus when their turn comes.
 */
@Component
public class OutboundDeliveryRoute extends RouteBuilder {

    private final MessageDelivery delivery;

    public OutboundDeliveryRoute(MessageDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        var route = from(Endpoints.MESSAGES_FROM)
                .routeId("deliver-queued-messages-to-channel")
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .convertBodyTo(String.class);
        Batching.batches(route, getContext(), "delivery", Endpoints.MESSAGES_FROM)
                .bean(delivery, "deliver")
                .split(body()).parallelProcessing()
                    .delay(simple("${body.delayMillis}")).asyncDelayed()
                    .setBody(simple("${body.messageRef}"))
                    .bean(delivery, "turnCame")
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.MESSAGES_TO)
                .end()
                .end();
    }
}
