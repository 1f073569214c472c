package io.wahub.plugins.evolution;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's Evolution API (v2) instance.
 *
 * @param baseUrl       the gateway's server URL, without trailing slash
 * @param instance      the instance name (one WhatsApp number)
 * @param apiKey        the instance token (or global API key) sent as the {@code apikey} header
 * @param webhookApiKey the key the gateway's webhooks must carry (header or body {@code apikey}); empty means
 *                      {@code apiKey}
 */
public record EvolutionSettings(
        @Setting(label = "Gateway URL", help = "The Evolution API server, for example https://evo.example.com",
                outboundUrl = true)
        @NotBlank
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query")
        String baseUrl,

        @Setting(label = "Instance", help = "The instance name as created in the gateway")
        @NotBlank
        String instance,

        @Setting(label = "API key", help = "The instance token (or the global API key)", secret = true)
        @NotBlank
        String apiKey,

        @Setting(label = "Webhook API key",
                help = "The apikey the gateway's webhooks carry; leave empty when it is the API key above",
                secret = true)
        String webhookApiKey) {

    public EvolutionSettings {
        if (baseUrl != null) {
            baseUrl = baseUrl.strip().replaceAll("/+$", "");
        }
    }

    /** The key inbound webhooks are checked against. */
    public String expectedWebhookKey() {
        return webhookApiKey == null || webhookApiKey.isEmpty() ? apiKey : webhookApiKey;
    }

    /** Masks the keys so settings never leak them into a log line. */
    @Override
    public String toString() {
        return "EvolutionSettings[baseUrl=" + baseUrl + ", instance=" + instance + ", apiKey=***, webhookApiKey=***]";
    }
}
