package io.wahub.plugins.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.Json;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Sends text through an Evolution API v2 gateway: {@code POST {baseUrl}/message/sendText/{instance}} with the
 * {@code apikey} header and {@code {"number": "<digits>", "text": "…"}}. One attempt per call; timeouts, I/O
 * errors, 429 and 5xx are retryable, other refusals permanent. Templates and interactive messages are WhatsApp
 * Business features an unofficial gateway cannot send: they fail permanently.
 */
@Extension
public class EvolutionChannel implements ChannelConnector {

    public static final String ID = "evolution";

    private static final ObjectMapper JSON = Json.newMapper();

    private final HttpClient http;
    private final Duration requestTimeout;

    public EvolutionChannel() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    public EvolutionChannel(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
        URI uri = URI.create(settings.baseUrl() + "/message/sendText/"
                + URLEncoder.encode(settings.instance(), StandardCharsets.UTF_8).replace("+", "%20"));
        String body = JSON.createObjectNode().put("number", message.toDigits()).put("text", message.text())
                .toString();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("apikey", settings.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SendFailure("timeout", "no answer from " + uri.getAuthority() + " in time", true, null, e);
        } catch (IOException e) {
            throw new SendFailure("io-error", "request to " + uri.getAuthority() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("interrupted", "interrupted while sending", true, null, e);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status >= 200 && status < 300) {
            String id = answer.path("key").path("id").asText("");
            if (id.isBlank()) {
                throw SendFailure.permanent("bad-response", "the gateway answered HTTP " + status + " without key.id");
            }
            return new SendResult(id);
        }
        String detail = "the gateway answered HTTP " + status + ": "
                + answer.path("response").path("message").toString().replace(settings.apiKey(), "***");
        boolean retryable = status == 429 || status >= 500;
        throw new SendFailure("http-" + status, detail, retryable, null, null);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
