package io.wahub.plugins.openai;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's chat model server.
 *
 * @param baseUrl        the API root that {@code /chat/completions} is appended to
 * @param apiKey         bearer token; empty for servers without authentication (a local Ollama)
 * @param model          model name, for example {@code gpt-4o-mini} or {@code llama3.1:8b}
 * @param timeoutSeconds limit for one attempt, connection included; the hub caps it
 *                       ({@code wahub.outbound.max-timeout}, 30 s by default)
 * @param maxRetries     further attempts after a 5xx, 429, timeout or connection error (never after another 4xx); the
 *                       hub caps the attempts ({@code wahub.outbound.max-attempts}) and the whole call's time
 */
public record OpenAiSettings(
        @Setting(label = "Base URL", help = "OpenAI: https://api.openai.com/v1 · Ollama: http://localhost:11434/v1"
                + " · vLLM / llama.cpp: http://host:8000/v1 (a host on your network only if the operator allows it)",
                defaultValue = OpenAiSettings.DEFAULT_BASE_URL, outboundUrl = true)
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query")
        String baseUrl,

        @Setting(label = "API key", help = "Leave empty for servers without authentication", secret = true)
        String apiKey,

        @Setting(label = "Model", help = "For example gpt-4o-mini or llama3.1:8b")
        @NotBlank
        String model,

        @Setting(label = "Timeout (seconds)", help = "Per attempt; the hub allows at most 30 s unless its operator"
                + " raised the limit", defaultValue = "30")
        @Min(1) @Max(600)
        Integer timeoutSeconds,

        @Setting(label = "Retries", help = "Further attempts after a server error, 429 or timeout; other 4xx are never"
                + " retried", defaultValue = "2")
        @Min(0) @Max(5)
        Integer maxRetries) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    public OpenAiSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = DEFAULT_BASE_URL;
        }
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        if (timeoutSeconds == null) {
            timeoutSeconds = 30;
        }
        if (maxRetries == null) {
            maxRetries = 2;
        }
    }

    /** Masks the key so settings never leak it into a log line. */
    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", apiKey=***, model=" + model + ", timeoutSeconds="
                + timeoutSeconds + ", maxRetries=" + maxRetries + "]";
    }
}
