package io.wahub.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.InboundWebhook;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/{tenant}/{connector}}: take the raw body captured by {@link RawWebhookBody}, let the connector verify and normalise
 * it, store the events, acknowledge, then announce the new events to dispatch. The acknowledgement is only sent
 * after the events are committed, so an acknowledged webhook is never lost.
 */
@Component
public class WebhookIngressRoute extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookIntake intake;
    private final Clock clock;
    private final int maxBodyBytes;

    public WebhookIngressRoute(WebhookIntake intake, Clock clock,
                               @Value("${wahub.webhooks.max-body-bytes:1048576}") int maxBodyBytes) {
        this.intake = intake;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void configure() {
        from(Endpoints.WEBHOOK_INGRESS)
                .routeId("webhook-ingress-verifies-stores-and-acknowledges")
                .routeConfigurationId(Endpoints.HTTP_PROBLEMS)
                .process(this::readWebhook)
                .bean(intake, "accept")
                .split(simple("${body.storedEventRefs}"))
                    .setExchangePattern(ExchangePattern.InOnly) // announce; never wait for dispatch
                    .to(Endpoints.EVENTS_TO)
                .end()
                .process(WebhookIngressRoute::acknowledge);
    }

    private void readWebhook(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] body = rawBody(in);
        Map<String, String> headers = new HashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel")) {
                headers.put(name.toLowerCase(Locale.ROOT), value.toString());
            }
        });
        String rawQuery = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        in.setBody(new InboundWebhook(in.getHeader("tenant", String.class), in.getHeader("connector", String.class),
                headers, query, body, clock.instant()));
    }

    /** The bytes {@link RawWebhookBody} captured; absent means the body was over the limit. */
    private byte[] rawBody(Message in) {
        Object raw = in instanceof PlatformHttpMessage http ? http.getRequest().getAttribute(RawWebhookBody.ATTRIBUTE)
                : in.getBody(byte[].class);
        if (raw instanceof byte[] bytes && bytes.length <= maxBodyBytes) {
            return bytes;
        }
        throw tooLarge();
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "Webhook bodies are limited to " + maxBodyBytes + " bytes; nothing was stored.");
    }

    private static void acknowledge(Exchange exchange) throws IOException {
        WebhookIntake.Receipt receipt = exchange.getIn().getBody(WebhookIntake.Receipt.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", receipt.outcome());
        if (receipt.note() != null) {
            body.put("reason", receipt.note());
        }
        if (!receipt.storedEvents().isEmpty()) {
            body.put("events", receipt.storedEvents().stream().map(r -> r.id().toString()).toList());
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, receipt.status());
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(JSON.writeValueAsBytes(body));
    }
}
