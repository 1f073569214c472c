package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/{tenant}/{connector}}: take the raw body captured by {@link RawWebhookBody}, let the connector verify and normalise
 * it, store the events, acknowledge, then announce the new events to dispatch. The acknowledgement is only sent
 * after the events are committed, so an acknowledged webhook is never lost.
 */
@Component
public class WebhookIngressRoute extends RouteBuilder {

    static final String ID = "webhook-ingress-verifies-stores-and-acknowledges";

    private final WebhookIntake intake;
    private final WebhookRequests requests;

    public WebhookIngressRoute(WebhookIntake intake, WebhookRequests requests) {
        this.intake = intake;
        this.requests = requests;
    }

    @Override
    public void configure() {
        from(Endpoints.WEBHOOK_INGRESS)
                .routeId(ID)
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                .bean(requests, "read")
                .bean(intake, "accept")
                .split(simple("${body.storedEventRefs}"))
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly) // announce; never wait for dispatch
                    .to(Endpoints.EVENTS_TO)
                .end()
                .bean(requests, "acknowledge");
    }
}
