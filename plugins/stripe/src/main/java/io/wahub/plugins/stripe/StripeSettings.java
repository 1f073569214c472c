package io.wahub.plugins.stripe;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's Stripe webhook endpoint.
 *
 * @param webhookSecret the endpoint's signing secret ({@code whsec_…}) from the Stripe Dashboard
 * @param secretKey     secret or restricted API key ({@code sk_…}/{@code rk_…}) for creating Checkout Sessions;
 *                      empty disables payment links
 * @param apiBaseUrl    Stripe's API root; change only for tests
 */
public record StripeSettings(
        @Setting(label = "Webhook signing secret",
                help = "The endpoint's signing secret (whsec_…) from Developers → Webhooks in the Stripe Dashboard",
                secret = true)
        @NotBlank
        @Pattern(regexp = "whsec_\\S+", message = "must be the endpoint's signing secret, starting with whsec_")
        String webhookSecret,

        @Setting(label = "Secret API key",
                help = "sk_… or a restricted rk_… key with Checkout Sessions write access; needed for payment links",
                secret = true)
        @Pattern(regexp = "(sk|rk)_\\S+", message = "must be a secret (sk_…) or restricted (rk_…) key")
        String secretKey,

        @Setting(label = "API base URL", help = "Change only for tests", defaultValue = StripeSettings.DEFAULT_API,
                outboundUrl = true)
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL")
        String apiBaseUrl) {

    public static final String DEFAULT_API = "https://api.stripe.com";

    public StripeSettings {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? DEFAULT_API : apiBaseUrl.strip().replaceAll("/+$", "");
    }

    /** Settings with only the webhook secret (no payment links). */
    public StripeSettings(String webhookSecret) {
        this(webhookSecret, null, null);
    }

    /** Masks the secret so settings never leak it into a log line. */
    @Override
    public String toString() {
        return "StripeSettings[webhookSecret=***, secretKey=***, apiBaseUrl=" + apiBaseUrl + "]";
    }
}
