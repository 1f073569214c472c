package io.wahub.plugins.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.Json;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Sends text through an Evolution API v2 gateway: {@code POST {baseUrl}/message/sendText/{instance}} with the
 * {@code apikey} header and {@code {"number": "<digits>", "text": "…"}}, through the hub's outbound client. One
 * attempt per call; timeouts, connection failures, 429 and 5xx are retryable, other refusals (a blocked host
 * included) permanent. A refusal's message is the gateway's {@code response.message}, bounded and with the key
 * masked, never the raw body. Templates and interactive messages are WhatsApp
 * Business features an unofficial gateway cannot send: they fail permanently.
 */
@Extension
public class EvolutionChannel implements ChannelConnector {

    public static final String ID = "evolution";

    private static final ObjectMapper JSON = Json.newMapper();

    private final Duration requestTimeout;

    public EvolutionChannel() {
        this(Duration.ofSeconds(20));
    }

    public EvolutionChannel(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "WhatsApp via Evolution API gateway";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return EvolutionSettings.class;
    }

    /** A Baileys-style gateway drives a WhatsApp account like a phone: it has no 24-hour window. */
    @Override
    public boolean keepsCustomerServiceWindow() {
        return false;
    }

    @Override
    public SendResult send(OutboundMessage message, PluginContext context) throws SendFailure {
        if (message.text() == null) {
            throw SendFailure.permanent("unsupported-message",
                    "the Evolution gateway sends text only; templates and interactive messages need the Cloud API");
        }
        if (!context.configured()) {
            throw SendFailure.permanent("not-configured", "the Evolution gateway is not configured for tenant "
                    + context.tenantId());
        }
        EvolutionSettings settings = context.settings(EvolutionSettings.class);
        URI uri;
        try {
            uri = URI.create(settings.baseUrl() + "/message/sendText/"
                    + URLEncoder.encode(settings.instance(), StandardCharsets.UTF_8).replace("+", "%20"));
        } catch (IllegalArgumentException e) {
            throw SendFailure.permanent("bad-config", "the baseUrl setting is not a URL");
        }
        String body = JSON.createObjectNode().put("number", message.toDigits()).put("text", message.text())
                .toString();
        OutboundRequest request = OutboundRequest.post(uri, "application/json", body)
                .header("apikey", settings.apiKey())
                .timeout(requestTimeout);
        OutboundResponse response;
        try {
            response = context.http().send(request);
        } catch (OutboundFailure failure) {
            throw new SendFailure(failure.code(), failure.getMessage(), failure.transientFailure(), null, failure);
        }
        int status = response.status();
        JsonNode answer = parse(response);
        if (response.successful()) {
            String id = answer.path("key").path("id").asText("");
            if (id.isBlank()) {
                throw SendFailure.permanent("bad-response", "the gateway answered HTTP " + status + " without key.id");
            }
            return new SendResult(id);
        }
        JsonNode reason = answer.path("response").path("message");
        String detail = "the gateway answered HTTP " + status
                + (reason.isMissingNode() ? "" : ": " + request.safeText(reason.isTextual() ? reason.asText()
                : reason.toString()));
        boolean retryable = status == 429 || status >= 500;
        throw new SendFailure("http-" + status, detail, retryable, null, null);
    }

    private static JsonNode parse(OutboundResponse response) {
        try {
            return response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
