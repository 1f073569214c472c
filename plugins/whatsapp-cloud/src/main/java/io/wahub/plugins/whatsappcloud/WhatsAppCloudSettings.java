package io.wahub.plugins.whatsappcloud;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's WhatsApp Cloud API sender.
 *
 * @param phoneNumberId the sending number's id in Meta's WhatsApp Manager (not the phone number itself)
 * @param accessToken   a system user access token with the {@code whatsapp_business_messaging} permission
 * @param apiVersion    Graph API version; {@code null} means {@value #DEFAULT_API_VERSION}
 * @param baseUrl       Graph API root without a trailing slash; {@code null} means {@value #DEFAULT_BASE_URL}
 * @param appSecret     the Meta app's secret, which signs webhooks to this tenant's own URL; not needed when the
 *                      number's webhooks arrive through the hub's app-level URL
 * @param verifyToken   the token typed into the App Dashboard's webhook setup, echoed in the GET handshake
 * @param messagesPerSecond the number's throughput; {@code null} means {@value #DEFAULT_MESSAGES_PER_SECOND}
 */
public record WhatsAppCloudSettings(
        @Setting(label = "Phone number ID",
                help = "The sending number's ID from WhatsApp Manager or the App Dashboard (not the number itself)")
        @NotBlank
        @Pattern(regexp = "\\d+", message = "must be the numeric phone number ID, not the phone number")
        String phoneNumberId,

        @Setting(label = "Access token",
                help = "A system user access token with the whatsapp_business_messaging permission", secret = true)
        @NotBlank
        String accessToken,

        @Setting(label = "Graph API version", help = "For example v23.0",
                defaultValue = WhatsAppCloudSettings.DEFAULT_API_VERSION)
        @Pattern(regexp = "v\\d+\\.\\d+", message = "must look like v23.0")
        String apiVersion,

        @Setting(label = "API base URL", help = "Change only for a proxy or tests",
                defaultValue = WhatsAppCloudSettings.DEFAULT_BASE_URL, outboundUrl = true)
        @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query, for example "
                + WhatsAppCloudSettings.DEFAULT_BASE_URL)
        String baseUrl,

        @Setting(label = "App secret",
                help = "The Meta app's secret (App settings → Basic); needed only for webhooks to this tenant's own URL",
                secret = true)
        String appSecret,

        @Setting(label = "Webhook verify token",
                help = "Any secret string; type the same into the App Dashboard's webhook configuration",
                secret = true)
        String verifyToken,

        @Setting(label = "Messages per second",
                help = "The number's throughput: 80 by default, 1000 once Meta raised it, 20 for numbers shared with"
                        + " the WhatsApp Business app", defaultValue = "80")
        @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(1000)
        Integer messagesPerSecond) {

    public static final String DEFAULT_API_VERSION = "v23.0";
    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final int DEFAULT_MESSAGES_PER_SECOND = 80;

    public WhatsAppCloudSettings {
        if (apiVersion == null || apiVersion.isBlank()) {
            apiVersion = DEFAULT_API_VERSION;
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = DEFAULT_BASE_URL;
        }
        baseUrl = baseUrl.strip();
        if (messagesPerSecond == null) {
            messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** Masks the token and secrets so settings never leak it into a log line. */
    @Override
    public String toString() {
        return "WhatsAppCloudSettings[phoneNumberId=" + phoneNumberId + ", accessToken=***, apiVersion=" + apiVersion
                + ", baseUrl=" + baseUrl + ", appSecret=***, verifyToken=***, messagesPerSecond=" + messagesPerSecond + "]";
    }
}
