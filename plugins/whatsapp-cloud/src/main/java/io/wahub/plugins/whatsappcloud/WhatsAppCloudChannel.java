package io.wahub.plugins.whatsappcloud;

import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.pf4j.Extension;

/**
 * Sends text and template messages through Meta's WhatsApp Cloud API:
 * {@code POST {baseUrl}/{apiVersion}/{phoneNumberId}/messages} with the tenant's bearer token.
 *
 * <p>One attempt per call, as the SDK requires. Timeouts, I/O errors, HTTP 429 and 5xx, and Meta's rate-limit
 * codes are retryable; every other refusal is permanent, with Meta's error code as {@link SendFailure#code()}.
 * The access token appears in no exception message.
 */
@Extension
public class WhatsAppCloudChannel implements ChannelConnector {

    public static final String ID = "whatsapp-cloud";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    /** The channel PF4J instantiates: 5 s to connect, 10 s for the whole request. */
    public WhatsAppCloudChannel() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public WhatsAppCloudChannel(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        URI endpoint = endpoint(settings);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + settings.accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CloudApiMessages.body(message)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new SendFailure("timeout", "could not connect to " + endpoint.getAuthority() + " within "
                    + connectTimeout.toMillis() + " ms", true, null, e);
        } catch (HttpTimeoutException e) {
            throw new SendFailure("timeout", "no answer from " + endpoint.getAuthority() + " within "
                    + requestTimeout.toMillis() + " ms", true, null, e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SendFailure("io-error", "request to " + endpoint.getAuthority() + " failed: " + reason,
                    true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("interrupted", "interrupted while sending to " + endpoint.getAuthority(),
                    true, null, e);
        }
        return CloudApiResponses.read(response, settings.accessToken(), context.clock());
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

    private static URI endpoint(WhatsAppCloudSettings settings) throws SendFailure {
        String url = settings.baseUrl() + "/" + settings.apiVersion() + "/" + settings.phoneNumberId().strip()
                + "/messages";
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().matches("https?")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw SendFailure.permanent("bad-config", "the baseUrl, apiVersion and phoneNumberId settings do not"
                    + " form a URL: " + url);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
