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

    /**
     * The throughput limit this tenant's sends share, if the channel has one (a WhatsApp Cloud number: 80
     * messages/s by default). The hub never calls {@link #send} faster than that for one key; a message over the
     * limit is rescheduled a moment later rather than waiting on a thread. Empty (the default) means no limit.
     */
    default java.util.Optional<SendRate> sendRate(PluginContext context) {
        return java.util.Optional.empty();
    }

    /**
     * Whether the channel keeps WhatsApp's 24-hour customer-service window: free-form messages (text, reply buttons)
     * only within 24 hours of the customer's last message, templates otherwise. The hub's send policy holds such a
     * channel's free-form messages outside the window back (suppressed, reason {@code window-closed}) rather than
     * letting the vendor refuse them. True by default (the WhatsApp Cloud API, and the sandbox that imitates it); an
     * unofficial gateway that has no such rule returns false.
     */
    default boolean keepsCustomerServiceWindow() {
        return true;
    }

    /**
     * A sending limit.
     *
     * @param key       what the limit belongs to, unique within the channel (a phone number id)
     * @param perSecond messages per second
     */
    record SendRate(String key, int perSecond) {
        public SendRate {
            java.util.Objects.requireNonNull(key, "key");
            if (perSecond < 1) {
                throw new IllegalArgumentException("perSecond must be at least 1");
            }
        }
    }
}
