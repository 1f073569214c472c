package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Webhook ingress, for both kinds of URL: take the raw body captured by {@link RawWebhookBody}, let the connector
 * verify and normalise it, store the events, acknowledge, then announce the new events to dispatch. The
 * acknowledgement is only sent after the events are committed, so an acknowledged webhook is never lost.
 * <ul>
 * <li>{@code POST /webhooks/{tenant}/{connector}}: one tenant's URL;</li>
 * <li>{@code POST /webhooks/apps/{connector}/{app}}: one URL for a vendor app that serves many tenants (a Meta app's
 * single callback URL). The connector verifies the call with the app's configuration and labels each event with a
 * routing key; the hub stores each event for the tenant the key belongs to.</li>
 * </ul>
 * The two differ only in how the intake is asked; what follows the store is one route.
 */
@Component
public class WebhookIngressRoute extends RouteBuilder {

    static final String ID = "webhook-ingress-verifies-stores-and-acknowledges";
    static final String APP_ID = "app-webhook-ingress-routes-events-to-their-tenants";
    static final String ACKNOWLEDGE_ID = "stored-webhook-events-are-announced-and-acknowledged";

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
                .to(Endpoints.ANNOUNCE_AND_ACKNOWLEDGE);

        from(Endpoints.APP_WEBHOOK_INGRESS)
                .routeId(APP_ID)
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                .bean(requests, "read")
                .bean(intake, "acceptForApp(${body}, ${header.app})")
                .to(Endpoints.ANNOUNCE_AND_ACKNOWLEDGE);

        from(Endpoints.ANNOUNCE_AND_ACKNOWLEDGE)
                .routeId(ACKNOWLEDGE_ID)
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                // a webhook's events in one announcement: dispatched in one batch, in the order the vendor sent them
                .split().body(WebhookIntake.Receipt.class, receipt -> Ref.oneAnnouncement(receipt.storedEventRefs()))
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly) // announce; never wait for dispatch
                    .to(Endpoints.EVENTS_TO)
                .end()
                .bean(requests, "acknowledge");
    }
}
