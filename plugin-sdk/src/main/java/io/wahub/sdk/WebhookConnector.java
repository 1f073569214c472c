package io.wahub.sdk;

/**
 * Accepts a vendor's webhooks at {@code POST /webhooks/{tenant}/{id()}}.
 *
 * <p>The hub calls {@link #receive} synchronously while the vendor waits, so it must be fast and do no I/O: verify
 * the signature over the raw bytes, check the sender, and normalise the payload into canonical events. The hub
 * then stores the events durably (dropping duplicates by delivery id) before it acknowledges, and features run
 * afterwards.
 */
public interface WebhookConnector extends WahubExtension {

    /**
     * Verifies and normalises one webhook call.
     *
     * @param webhook the call as received
     * @param context the tenant's settings for this connector
     * @return the events to store, or an acknowledged no-op
     * @throws WebhookRejection when the call must be refused; nothing is stored
     */
    WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection;
}
