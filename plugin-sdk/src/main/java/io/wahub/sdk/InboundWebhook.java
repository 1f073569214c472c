package io.wahub.sdk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook call exactly as it arrived, before anything trusted it.
 *
 * @param tenantId    the tenant named in the URL
 * @param connectorId the connector named in the URL
 * @param headers     request headers, keys lower-cased
 * @param query       query parameters (first value of each)
 * @param body        the raw body bytes: verify signatures over these, never over re-serialised JSON
 * @param receivedAt  when the hub received the call
 */
public record InboundWebhook(String tenantId, String connectorId, Map<String, String> headers,
                             Map<String, String> query, byte[] body, Instant receivedAt) {

    /** The header's value, matched case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
