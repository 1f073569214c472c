package io.wahub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code GET} on a webhook URL (per tenant or per app): a vendor checking that the URL is ours before it sends
 * anything (Meta's {@code hub.challenge}). The connector decides; a refusal is a 403 problem.
 */
@Component
public class WebhookHandshakeRoute extends RouteBuilder {

    private final WebhookIntake intake;
    private final WebhookRequests requests;

    public WebhookHandshakeRoute(WebhookIntake intake, WebhookRequests requests) {
        this.intake = intake;
        this.requests = requests;
    }

    @Override
    public void configure() {
        from(Endpoints.WEBHOOK_HANDSHAKE)
                .routeId("webhook-handshake-answers-the-vendors-challenge")
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                .bean(requests, "read")
                .bean(intake, "handshake")
                .bean(requests, "answerHandshake");

        from(Endpoints.APP_WEBHOOK_HANDSHAKE)
                .routeId("app-webhook-handshake-answers-the-vendors-challenge")
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                .bean(requests, "read")
                .bean(intake, "appHandshake(${body}, ${header.app})")
                .bean(requests, "answerHandshake");
    }
}
