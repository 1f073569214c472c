package io.wahub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Queued messages → the tenant's channel connector, with status tracking, retries and a dead-letter state. */
@Component
public class OutboundDeliveryRoute extends RouteBuilder {

    private final MessageDelivery delivery;

    public OutboundDeliveryRoute(MessageDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        from(Endpoints.MESSAGES_FROM)
                .routeId("deliver-queued-messages-to-channel")
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .convertBodyTo(String.class)
                .bean(delivery, "deliver");
    }
}
