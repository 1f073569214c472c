package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Stored events → the features their tenant enabled → new messages onto the delivery bus. */
@Component
public class DispatchRoute extends RouteBuilder {

    private final EventDispatch dispatch;

    public DispatchRoute(EventDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void configure() {
        from(Endpoints.EVENTS_FROM)
                .routeId("dispatch-stored-events-to-enabled-features")
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                .convertBodyTo(String.class)
                .bean(dispatch, "dispatch")
                .split(body())
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.MESSAGES_TO)
                .end();
    }
}
