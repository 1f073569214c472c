package io.wahub.plugins.stripe;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's Stripe webhook endpoint.
 *
 * @param webhookSecret the endpoint's signing secret ({@code whsec_…}) from the Stripe Dashboard
 */
public record StripeSettings(
        @Setting(label = "Webhook signing secret",
                help = "The endpoint's signing secret (whsec_…) from Developers → Webhooks in the Stripe Dashboard",
                secret = true)
        @NotBlank
        @Pattern(regexp = "whsec_\\S+", message = "must be the endpoint's signing secret, starting with whsec_")
        String webhookSecret) {

    /** Masks the secret so settings never leak it into a log line. */
    @Override
    public String toString() {
        return "StripeSettings[webhookSecret=***]";
    }
}
