package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/apps/{connector}/{app}}: one URL for a vendor app that serves many tenants (a Meta app's
 * single callback URL). The connector verifies the call with the app's configuration and labels each event with a
 * routing key; the hub stores each event for the tenant the key belongs to, then acknowledges.
 */
@Component
public class AppWebhookIngressRoute extends RouteBuilder {

    static final String ID = "app-webhook-ingress-routes-events-to-their-tenants";

    private final WebhookIntake intake;
    private final WebhookRequests requests;

    public AppWebhookIngressRoute(WebhookIntake intake, WebhookRequests requests) {
        this.intake = intake;
        this.requests = requests;
    }

    @Override
    public void configure() {
        from(Endpoints.APP_WEBHOOK_INGRESS)
                .routeId(ID)
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                .bean(requests, "read")
                .bean(intake, "acceptForApp(${body}, ${header.app})")
                .split(simple("${body.storedEventRefs}"))
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly) // announce; never wait for dispatch
                    .to(Endpoints.EVENTS_TO)
                .end()
                .bean(requests, "acknowledge");
    }
}
