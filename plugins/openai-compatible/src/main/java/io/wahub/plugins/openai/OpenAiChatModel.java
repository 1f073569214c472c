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
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Chat completions from any server speaking OpenAI's {@code POST /chat/completions} (OpenAI, Ollama, vLLM,
 * llama.cpp's server), through the hub's outbound client. A completion changes nothing on the server, so the
 * request is declared safe to repeat: the hub retries it after 5xx answers, 429, timeouts and connection errors,
 * up to {@code maxRetries} more times, each attempt bounded by the tenant's timeout. The hub caps both (30 s per
 * attempt, 60 s in all by default), whatever the tenant set. Other 4xx answers (bad key, unknown model, bad
 * request) are refusals.
 */
@Extension
public class OpenAiChatModel implements ChatModel {

    public static final String ID = "openai-compatible";

    private static final ObjectMapper JSON = Json.newMapper();

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
        OutboundRequest call = httpRequest(request, settings);
        OutboundResponse response;
        try {
            response = context.http().send(call);
        } catch (OutboundFailure failure) {
            throw new ChatFailure(failure.code(), failure.getMessage(), failure.transientFailure(), failure);
        }
        return read(response, call, settings);
    }

    private static ChatResult read(OutboundResponse response, OutboundRequest call, OpenAiSettings settings)
            throws ChatFailure {
        int status = response.status();
        JsonNode body = parse(response);
        if (response.successful()) {
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
        String detail = "the model server answered HTTP " + status
                + (message.isBlank() ? "" : ": " + call.safeText(message));
        throw new ChatFailure("http-" + status, detail, status >= 500 || status == 429, null);
    }

    private static OutboundRequest httpRequest(ChatRequest request, OpenAiSettings settings) throws ChatFailure {
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
            throw new ChatFailure("bad-config", "the baseUrl setting is not a URL", false, e);
        }
        OutboundRequest call = OutboundRequest.post(uri, "application/json", body.toString())
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .attempts(settings.maxRetries() + 1)
                .safeToRepeat();
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            call = call.header("Authorization", "Bearer " + settings.apiKey().strip());
        }
        return call;
    }

    private static JsonNode parse(OutboundResponse response) {
        try {
            return response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
