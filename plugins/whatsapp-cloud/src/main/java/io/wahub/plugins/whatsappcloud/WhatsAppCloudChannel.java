package io.wahub.plugins.whatsappcloud;

import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.pf4j.Extension;

/**
 * Sends text and template messages through Meta's WhatsApp Cloud API:
 * {@code POST {baseUrl}/{apiVersion}/{phoneNumberId}/messages} with the tenant's bearer token, through the hub's
 * outbound client ({@link PluginContext#http()}).
 *
 * <p>One attempt per call, as the SDK requires. Timeouts, connection failures, HTTP 429 and 5xx, and Meta's
 * rate-limit codes are retryable; every other refusal (a blocked host included) is permanent, with Meta's error
 * code as {@link SendFailure#code()}. The access token appears in no exception message.
 */
@Extension
public class WhatsAppCloudChannel implements ChannelConnector {

    public static final String ID = "whatsapp-cloud";
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Duration requestTimeout;

    /** The channel PF4J instantiates: 10 s for the whole request. */
    public WhatsAppCloudChannel() {
        this(DEFAULT_REQUEST_TIMEOUT);
    }

    public WhatsAppCloudChannel(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "WhatsApp Cloud API";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return WhatsAppCloudSettings.class;
    }

    @Override
    public SendResult send(OutboundMessage message, PluginContext context) throws SendFailure {
        WhatsAppCloudSettings settings = settingsOf(context);
        OutboundRequest request = OutboundRequest.post(endpoint(settings, "/messages"), "application/json",
                        CloudApiMessages.body(message))
                .header("Authorization", "Bearer " + settings.accessToken())
                .header("Accept", "application/json")
                .timeout(requestTimeout);
        try {
            return CloudApiResponses.read(context.http().send(request), request, context.clock());
        } catch (OutboundFailure failure) {
            throw new SendFailure(failure.code(), failure.getMessage(), failure.transientFailure(), null, failure);
        }
    }

    /** One limit per sending number: its phone number id, at the number's configured messages per second. */
    @Override
    public java.util.Optional<SendRate> sendRate(PluginContext context) {
        if (!context.configured()) {
            return java.util.Optional.empty();
        }
        WhatsAppCloudSettings settings = context.settings(WhatsAppCloudSettings.class);
        return isBlank(settings.phoneNumberId()) ? java.util.Optional.empty()
                : java.util.Optional.of(new SendRate(settings.phoneNumberId().strip(), settings.messagesPerSecond()));
    }

    private static WhatsAppCloudSettings settingsOf(PluginContext context) throws SendFailure {
        if (!context.configured()) {
            throw SendFailure.permanent("not-configured", "WhatsApp Cloud API is not configured for tenant "
                    + context.tenantId() + ": set phoneNumberId and accessToken");
        }
        WhatsAppCloudSettings settings = context.settings(WhatsAppCloudSettings.class);
        if (isBlank(settings.phoneNumberId()) || isBlank(settings.accessToken())) {
            throw SendFailure.permanent("not-configured", "the phoneNumberId and accessToken settings must be set"
                    + " for tenant " + context.tenantId());
        }
        return settings;
    }

    /** {@code {baseUrl}/{apiVersion}/{phoneNumberId}{suffix}}, or a permanent bad-config failure. */
    static URI endpoint(WhatsAppCloudSettings settings, String suffix) throws SendFailure {
        String url = settings.baseUrl() + "/" + settings.apiVersion() + "/" + settings.phoneNumberId().strip() + suffix;
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().matches("https?")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw SendFailure.permanent("bad-config", "the baseUrl, apiVersion and phoneNumberId settings do not"
                    + " form a URL");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
