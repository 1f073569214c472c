package io.wahub.plugins.woocommerce;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's WooCommerce store.
 *
 * @param webhookSecret  the secret entered when creating the webhook in WooCommerce; signs every delivery
 * @param storeUrl       the store's site URL, as WooCommerce sends it in {@code X-WC-Webhook-Source}
 * @param defaultCountry ISO 3166 alpha-2 country for phone numbers without prefix when the address has none
 * @param consumerKey    REST API key ({@code ck_…}, read access) for the catch-up poll; empty disables it
 * @param consumerSecret its secret ({@code cs_…})
 */
public record WooCommerceSettings(
        @Setting(label = "Webhook secret", help = "The secret entered when the webhook was created in WooCommerce",
                secret = true)
        @NotBlank
        String webhookSecret,

        @Setting(label = "Store URL", help = "The store's site URL, for example https://shop.example.com/",
                outboundUrl = true)
        @NotBlank
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be the store's http(s) URL, for example https://shop.example.com/")
        String storeUrl,

        @Setting(label = "Default country",
                help = "Two-letter country code for phone numbers written without a country prefix",
                defaultValue = WooCommerceSettings.DEFAULT_COUNTRY)
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166 country code such as US or DE")
        String defaultCountry,

        @Setting(label = "REST API consumer key",
                help = "ck_… with read access (WooCommerce → Settings → Advanced → REST API); enables the catch-up"
                        + " of missed webhooks (read/write access also lets features update orders)")
        String consumerKey,

        @Setting(label = "REST API consumer secret", help = "cs_…", secret = true)
        String consumerSecret) {

    public static final String DEFAULT_COUNTRY = "US";

    public WooCommerceSettings {
        if (defaultCountry == null || defaultCountry.isBlank()) {
            defaultCountry = DEFAULT_COUNTRY;
        }
    }

    /** Masks the secret so settings never leak it into a log line. */
    @Override
    public String toString() {
        return "WooCommerceSettings[webhookSecret=***, storeUrl=" + storeUrl + ", defaultCountry=" + defaultCountry
                + ", consumerKey=" + consumerKey + ", consumerSecret=***]";
    }
}
