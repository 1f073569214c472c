package io.wahub.sdk;

/** The context a {@link Feature} gets: its tenant settings plus the ability to send messages. */
public interface FeatureContext extends PluginContext {

    /**
     * Queues a message to the tenant's channel. The message is stored in the same transaction as the event's
     * processing, then delivered with retries; a second call with the same
     * {@link OutboundMessage#idempotencyKey()} for this tenant is a no-op that returns the first message's id.
     *
     * @return the hub's id of the queued message
     */
    String send(OutboundMessage message);
}
