package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Stored events → the features their tenant enabled → new messages onto the delivery bus. Events are dispatched in
 * batches (see {@link Batching}, settings {@code wahub.dispatch.*}): one claim and one finishing transaction per
 * batch. The messages of a slow tenant's events, finished in the background after their batch, are announced
 * through the same route as a batch's.
 */
@Component
public class DispatchRoute extends RouteBuilder {

    private final EventDispatch dispatch;

    public DispatchRoute(EventDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void configure() {
        var route = from(Endpoints.EVENTS_FROM)
                .routeId("dispatch-stored-events-to-enabled-features")
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .convertBodyTo(String.class);
        Batching.batches(route, getContext(), "dispatch", Endpoints.EVENTS_FROM)
                .bean(dispatch, "dispatch")
                .to(Endpoints.QUEUED_MESSAGES)
                .end();

        from(Endpoints.QUEUED_MESSAGES)
                .routeId("announce-queued-messages-to-delivery")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .split(body())
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.MESSAGES_TO)
                .end();
        ProducerTemplate announcements = getContext().createProducerTemplate();
        dispatch.announceLateMessagesWith(refs -> announcements.sendBody(Endpoints.QUEUED_MESSAGES, refs));
    }
}
