package io.wahub.routes;

import io.wahub.sdk.api.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns an HTTP exchange into an {@link InboundWebhook} (raw body as captured by {@link RawWebhookBody}, headers
 * lower-cased, query decoded) and writes the answers; shared by every webhook route so each route only says what
 * happens in between.
 */
@Component
public class WebhookRequests {

    private static final ObjectMapper JSON = Json.newMapper();

    private final Clock clock;
    private final int maxBodyBytes;
    private final ObjectProvider<WebhookIntake> intake;

    public WebhookRequests(Clock clock, int maxBodyBytes) {
        this(clock, maxBodyBytes, null);
    }

    /** @param intake told of bodies refused as too large ({@link WebhookIntake#refusedUnread}), when there is one */
    @Autowired
    public WebhookRequests(Clock clock, @Value("${wahub.webhooks.max-body-bytes:1048576}") int maxBodyBytes,
                           ObjectProvider<WebhookIntake> intake) {
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.intake = intake;
    }

    /** Replaces the body with the {@link InboundWebhook}; 413 problem when it exceeds the bound. */
    public void read(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] body;
        try {
            body = rawBody(in);
        } catch (ApiProblem problem) {
            WebhookIntake told = intake == null ? null : intake.getIfAvailable();
            if (told != null) {
                told.refusedUnread(in.getHeader("tenant", String.class), in.getHeader("connector", String.class),
                        problem);
            }
            throw problem;
        }
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
                query.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        in.setBody(new InboundWebhook(in.getHeader("tenant", String.class), in.getHeader("connector", String.class),
                headers, query, body, clock.instant()));
    }

    /** Answers the intake's {@link WebhookIntake.Receipt} as JSON with its status. */
    public void acknowledge(Exchange exchange) throws IOException {
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

    /** Answers a verification handshake: 200 with the connector's text (for Meta, the challenge) as plain text. */
    public void answerHandshake(Exchange exchange) {
        String text = exchange.getIn().getBody(String.class);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.setBody(text);
    }

    /**
     * The exact bytes {@link RawWebhookBody} captured before any parsing (so form-encoded bodies, such as
     * WooCommerce's creation ping, arrive as sent); absent means the body was over the limit.
     */
    private byte[] rawBody(Message in) {
        Object raw = in instanceof PlatformHttpMessage http ? http.getRequest().getAttribute(RawWebhookBody.ATTRIBUTE)
                : in.getBody(byte[].class);
        if (raw == null && !(in instanceof PlatformHttpMessage)) {
            return new byte[0];
        }
        if (raw instanceof byte[] bytes && bytes.length <= maxBodyBytes) {
            return bytes;
        }
        throw tooLarge();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "payload-too-large", "Payload too large",
                "Webhook bodies are limited to " + maxBodyBytes + " bytes; nothing was stored.");
    }
}
