package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Periodically re-announces work the database says is due but no node is doing: events stored before a crash
 * (acknowledged but never dispatched), messages whose retry time has come, and claims abandoned by a dead node.
 */
@Component
public class RecoveryRoute extends RouteBuilder {

    static final int BATCH = 500;

    private final EventDispatch dispatch;
    private final MessageDelivery delivery;

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
                .setBody(method(dispatch, "overdueEvents(" + BATCH + ")"))
                .split(body())
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.EVENTS_TO)
                .end()
                .setBody(method(delivery, "dueMessages(" + BATCH + ")"))
                .split(body())
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.MESSAGES_TO)
                .end();
    }
}
