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
 * @param timeoutSeconds limit for one attempt, connection included
 * @param maxRetries     further attempts after a 5xx, timeout or connection error (never after a 4xx)
 */
public record OpenAiSettings(
        @Setting(label = "Base URL", help = "OpenAI: https://api.openai.com/v1 · Ollama: http://localhost:11434/v1"
                + " · vLLM / llama.cpp: http://host:8000/v1", defaultValue = OpenAiSettings.DEFAULT_BASE_URL)
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query")
        String baseUrl,

        @Setting(label = "API key", help = "Leave empty for servers without authentication", secret = true)
        String apiKey,

        @Setting(label = "Model", help = "For example gpt-4o-mini or llama3.1:8b")
        @NotBlank
        String model,

        @Setting(label = "Timeout (seconds)", help = "Per attempt", defaultValue = "60")
        @Min(1) @Max(600)
        Integer timeoutSeconds,

        @Setting(label = "Retries", help = "Further attempts after a server error or timeout; 4xx are never retried",
                defaultValue = "2")
        @Min(0) @Max(5)
        Integer maxRetries) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    public OpenAiSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = DEFAULT_BASE_URL;
        }
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        if (timeoutSeconds == null) {
            timeoutSeconds = 60;
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
