package io.wahub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Periodically asks connectors' APIs for what their webhooks missed (WooCommerce never retries a webhook). */
@Component
public class CatchUpRoute extends RouteBuilder {

    private final ConnectorPolling polling;

    public CatchUpRoute(ConnectorPolling polling) {
        this.polling = polling;
    }

    @Override
    public void configure() {
        from(Endpoints.CATCH_UP_TIMER)
                .routeId("poll-connectors-for-missed-webhooks")
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .bean(polling, "pollDue");
    }
}
