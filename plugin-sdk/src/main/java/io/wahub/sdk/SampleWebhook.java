package io.wahub.sdk;

import java.util.Map;

/**
 * A webhook a connector signs with a tenant's settings exactly as its vendor would, for the panel's "send test
 * event": the hub posts it to the tenant's own webhook URL, so it takes the same path as a real one. A sample
 * should be harmless: a topic the connector acknowledges and ignores proves the URL and the secret without sending
 * anyone a message.
 *
 * @param headers the HTTP headers to send (signature included)
 * @param body    the exact bytes the signature covers
 */
public record SampleWebhook(Map<String, String> headers, byte[] body) {

    public SampleWebhook {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
