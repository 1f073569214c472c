package io.wahub.plugins.shopify;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's Shopify connection.
 *
 * @param webhookSecret  the app's client secret, the key of {@code X-Shopify-Hmac-Sha256}
 * @param shopDomain     the shop's {@code *.myshopify.com} domain, compared with {@code X-Shopify-Shop-Domain}
 * @param defaultCountry ISO 3166 alpha-2 region for phone numbers typed without a country prefix when the order's
 *                       address has no country code; {@code null} means {@value #DEFAULT_COUNTRY}
 */
public record ShopifySettings(
        @Setting(label = "Webhook secret",
                help = "The app's client secret (Shopify signs every webhook with it)", secret = true)
        @NotBlank
        String webhookSecret,

        @Setting(label = "Shop domain", help = "The shop's myshopify.com domain, for example my-shop.myshopify.com")
        @NotBlank
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]*\\.myshopify\\.com",
                message = "must be the shop's myshopify.com domain, for example my-shop.myshopify.com")
        String shopDomain,

        @Setting(label = "Default country",
                help = "Two-letter country code for customer phone numbers written without a country prefix",
                defaultValue = ShopifySettings.DEFAULT_COUNTRY)
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166 country code such as US or DE")
        String defaultCountry) {

    public static final String DEFAULT_COUNTRY = "US";

    public ShopifySettings {
        if (defaultCountry == null || defaultCountry.isBlank()) {
            defaultCountry = DEFAULT_COUNTRY;
        }
    }

    /** Masks the secret so settings never leak it into a log line. */
    @Override
    public String toString() {
        return "ShopifySettings[webhookSecret=***, shopDomain=" + shopDomain + ", defaultCountry=" + defaultCountry + "]";
    }
}
