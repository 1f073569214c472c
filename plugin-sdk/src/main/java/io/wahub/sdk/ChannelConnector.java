package io.wahub.sdk;

/**
 * Delivers messages to customers over one messaging channel (WhatsApp Cloud API, a gateway, the sandbox).
 *
 * <p>Called from the hub's outbound route, possibly concurrently for the same tenant. The hub handles retries,
 * throttling and status tracking: {@link #send} makes exactly one attempt.
 */
public interface ChannelConnector extends WahubExtension {

    /**
     * Makes one delivery attempt.
     *
     * @return the channel's id of the accepted message (for example a WhatsApp {@code wamid})
     * @throws SendFailure when the channel refused or could not be reached; its {@link SendFailure#retryable()}
     *                     flag decides whether the hub tries again
     */
    SendResult send(OutboundMessage message, PluginContext context) throws SendFailure;
}
