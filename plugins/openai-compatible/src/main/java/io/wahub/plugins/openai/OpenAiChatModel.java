package io.wahub.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatModel;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.Json;
import io.wahub.sdk.PluginContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Chat completions from any server speaking OpenAI's {@code POST /chat/completions} (OpenAI, Ollama, vLLM,
 * llama.cpp's server). Each attempt is bounded by the tenant's timeout; 5xx answers, timeouts and connection
 * errors are retried up to {@code maxRetries} times with doubling back-off; 4xx answers (bad key, unknown model,
 * bad request, rate limited) are never retried.
 */
@Extension
public class OpenAiChatModel implements ChatModel {

    public static final String ID = "openai-compatible";
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    private static final ObjectMapper JSON = Json.newMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration backoff;

    /** The model PF4J instantiates: back-off 0.5 s, 1 s, 2 s, … between attempts. */
    public OpenAiChatModel() {
        this(DEFAULT_BACKOFF);
    }

    public OpenAiChatModel(Duration backoff) {
        this.backoff = backoff;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenAI-compatible LLM";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return OpenAiSettings.class;
    }

    @Override
    public ChatResult complete(ChatRequest request, PluginContext context) throws ChatFailure {
        if (!context.configured()) {
            throw new ChatFailure("not-configured", "no chat model is configured for tenant " + context.tenantId(),
                    false, null);
        }
        OpenAiSettings settings = context.settings(OpenAiSettings.class);
        HttpRequest httpRequest = httpRequest(request, settings);
        ChatFailure last = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                pause(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
            }
            try {
                return attempt(httpRequest, settings);
            } catch (ChatFailure failure) {
                if (!failure.transientFailure() || failure.code().equals("http-429")) {
                    throw failure;
                }
                last = failure;
            }
        }
        throw new ChatFailure(last.code(), last.getMessage() + " (after " + (settings.maxRetries() + 1)
                + " attempts)", true, last.getCause());
    }

    private ChatResult attempt(HttpRequest request, OpenAiSettings settings) throws ChatFailure {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ChatFailure("timeout", "no answer from " + request.uri().getAuthority() + " within "
                    + settings.timeoutSeconds() + " s", true, e);
        } catch (IOException e) {
            throw new ChatFailure("io-error", "request to " + request.uri().getAuthority() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure("interrupted", "interrupted while waiting for the model", false, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            JsonNode choice = body.path("choices").path(0);
            JsonNode content = choice.path("message").get("content");
            if (content == null || !content.isTextual()) {
                throw new ChatFailure("bad-response", "the answer has no choices[0].message.content", false, null);
            }
            JsonNode usage = body.path("usage");
            return new ChatResult(content.asText(), body.path("model").asText(settings.model()),
                    usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                    choice.hasNonNull("finish_reason") ? choice.get("finish_reason").asText() : null);
        }
        String message = body.path("error").path("message").asText("");
        String detail = "the model server answered HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
            detail = detail.replace(settings.apiKey(), "***");
        }
        throw new ChatFailure("http-" + status, detail, status >= 500 || status == 429, null);
    }

    private static HttpRequest httpRequest(ChatRequest request, OpenAiSettings settings) throws ChatFailure {
        ObjectNode body = JSON.createObjectNode()
                .put("model", request.model() != null ? request.model() : settings.model());
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        URI uri;
        try {
            uri = URI.create(settings.baseUrl() + "/chat/completions");
        } catch (IllegalArgumentException e) {
            throw new ChatFailure("bad-config", "the baseUrl setting is not a URL: " + settings.baseUrl(), false, e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.apiKey().strip());
        }
        return builder.build();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static void pause(Duration wait) throws ChatFailure {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure("interrupted", "interrupted while backing off", false, e);
        }
    }
}
