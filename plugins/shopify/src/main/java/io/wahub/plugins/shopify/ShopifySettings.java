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
 * @param adminAccessToken the Admin API access token ({@code shpat_…}, scope {@code write_orders}) with which
 *                       decisions about orders are written back as order tags; empty: no write-back
 * @param adminApiUrl    the Admin API's base URL; empty means {@code https://{shopDomain}} (set it only for a proxy
 *                       or a test double)
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
        String defaultCountry,

        @Setting(label = "Admin API access token",
                help = "shpat_… with write_orders: Wahub tags orders it confirmed or cancelled with the customer",
                secret = true)
        String adminAccessToken,

        @Setting(label = "Admin API URL", help = "Leave empty: https://<shop domain>", outboundUrl = true)
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL, for example https://my-shop.myshopify.com")
        String adminApiUrl) {

    public static final String DEFAULT_COUNTRY = "US";

    public ShopifySettings {
        if (defaultCountry == null || defaultCountry.isBlank()) {
            defaultCountry = DEFAULT_COUNTRY;
        }
        if (adminApiUrl != null && adminApiUrl.isBlank()) {
            adminApiUrl = null;
        }
    }

    /** Settings without Admin API access (webhooks only). */
    public ShopifySettings(String webhookSecret, String shopDomain, String defaultCountry) {
        this(webhookSecret, shopDomain, defaultCountry, null, null);
    }

    /** The Admin API's base URL without a trailing slash. */
    public String adminBaseUrl() {
        String base = adminApiUrl != null ? adminApiUrl.strip() : "https://" + shopDomain;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Masks the secrets so settings never leak them into a log line. */
    @Override
    public String toString() {
        return "ShopifySettings[webhookSecret=***, shopDomain=" + shopDomain + ", defaultCountry=" + defaultCountry
                + ", adminAccessToken=" + (adminAccessToken == null ? "null" : "***") + ", adminApiUrl=" + adminApiUrl
                + "]";
    }
}
