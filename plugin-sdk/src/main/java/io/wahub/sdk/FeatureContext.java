package io.wahub.sdk;

/**
 * The context a {@link Feature} gets, for an event, a timer or an API call ({@link io.wahub.sdk.api.FeatureApi}): its
 * tenant settings plus the ability to send messages, and the hub services below.
 */
public interface FeatureContext extends PluginContext {

    /**
     * Queues a message to the tenant's channel. The hub stores it once the feature's run is over (for an event: in
     * the transaction that marks the event done, and not at all if the run fails; for an API call: once the handler
     * returned a response, not when it threw), then delivers it with retries;
     * a second call with the same {@link OutboundMessage#idempotencyKey()} for this tenant is a no-op that returns
     * the first message's id. A {@link OutboundMessage.Template#named named template} is resolved against the
     * tenant's stored template when the message is stored: a missing variable or an unknown template stores the
     * message as {@code dead} with the reason, and nothing is sent.
     *
     * @return the hub's id of the queued message
     */
    String send(OutboundMessage message);

    /**
     * Withdraws messages this tenant's features queued and that are not sent yet: a reminder for an invoice that was
     * paid meanwhile, a nudge that no longer applies. Each message is named by the
     * {@link OutboundMessage#idempotencyKey() idempotency key} it was sent with.
     *
     * <p>Contract: takes effect at once, not when the run ends, and is not undone if the run then fails (withdraw only
     * what is to be withdrawn in any case; doing it again is harmless). A withdrawn message that is still waiting
     * ({@code queued} or {@code deferred}) becomes {@code suppressed} with reason code {@code withdrawn} at once; one
     * that a delivery node has already claimed is checked again just before its channel is called (the send policy's
     * first check) and is suppressed then. A message already handed to the channel cannot be called back: the count
     * says how many were stopped now, the others are either stopped at send time or were sent. Keys that name no
     * message are remembered too, so a message stored later under such a key is never sent. Idempotent; thread-safe.
     *
     * @param idempotencyKeys the keys the messages were sent with (at most 1,000)
     * @return how many waiting messages became {@code suppressed} by this call
     * @throws UnsupportedOperationException in a context that cannot withdraw messages
     */
    default int withdraw(java.util.Collection<String> idempotencyKeys) {
        throw new UnsupportedOperationException("this context cannot withdraw messages");
    }

    /**
     * Asks the tenant's configured {@link ChatModel} for a reply. The hub records the tokens used as
     * {@code llm.tokens.prompt} and {@code llm.tokens.completion} for the tenant, and waits at most its call
     * timeout for the answer.
     *
     * @throws ChatFailure code {@code no-chat-model} when the tenant configured none, {@code timeout} (transient)
     *                     when the model did not answer in time, else the model's failure
     */
    default ChatResult chat(ChatRequest request) throws ChatFailure {
        throw new ChatFailure("no-chat-model", "this context offers no chat model", false, null);
    }

    /**
     * Creates the payment page for an invoice with the tenant's configured {@link PaymentLinks} provider (Stripe).
     * Asking twice for the same invoice id returns the same page. The hub waits at most its call timeout for it
     * (then: a transient failure with code {@code timeout}).
     *
     * @throws PaymentLinks.Failure code {@code no-payment-provider} when the tenant configured none, else the
     *                              provider's failure
     */
    default PaymentLinks.Link paymentLink(PaymentLinks.Request request) throws PaymentLinks.Failure {
        throw new PaymentLinks.Failure("no-payment-provider", "this context offers no payment provider", false, null);
    }

    /**
     * The feature's durable timers for this tenant: schedule, replace and cancel work for later, handed back to
     * {@link Feature#onTimer}. Changes take effect when the run succeeds; see {@link Timers}.
     *
     * @throws UnsupportedOperationException in a context that offers no timers
     */
    default Timers timers() {
        throw new UnsupportedOperationException("this context offers no timers");
    }

    /**
     * The tenant's contacts, their consent and their customer-service window (see {@link Contacts} for the
     * contract).
     *
     * @throws UnsupportedOperationException when this context offers no contacts
     */
    default Contacts contacts() {
        throw new UnsupportedOperationException("this context offers no contacts");
    }

    /**
     * The tenant's message templates (read-only), to look one up and see whether it is approved before sending it
     * with {@link OutboundMessage.Template#named}.
     *
     * @throws UnsupportedOperationException when this context offers no templates
     */
    default Templates templates() {
        throw new UnsupportedOperationException("this context offers no templates");
    }

    /**
     * The feature's own tables, this tenant's rows only (see {@link FeatureStore}: migrations, isolation,
     * transactions).
     *
     * @throws UnsupportedOperationException when this context offers no store
     * @throws IllegalStateException         when the feature ships no migrations, or its schema was refused at start
     */
    default FeatureStore store() {
        throw new UnsupportedOperationException("this context offers no feature store");
    }

    /**
     * Writes a decision about an order back to the store it came from, with the tenant's settings of that store's
     * connector ({@link OrderWriteBack}). Called at once (not when the run ends), bounded by the hub's call timeout;
     * call it from a timer or an event, never while a {@link FeatureStore#transaction} is open.
     *
     * @param source the order event's {@link CanonicalEvent#source()}, for example {@code shopify}
     * @throws OrderWriteBack.Failure code {@code no-write-back} when no installed connector of that id writes orders
     *                                back, {@code not-configured} when the tenant has no settings for it, else the
     *                                store's failure
     */
    default void writeBack(String source, OrderWriteBack.Update update) throws OrderWriteBack.Failure {
        throw new OrderWriteBack.Failure("no-write-back", "this context cannot write orders back", false, null);
    }

    /**
     * The hub's id of this tenant's message that the channel knows as {@code providerMessageId} (the
     * {@code providerMessageId} of a {@link EventTypes#MESSAGE_STATUS message.status} event), that is the id
     * {@link #send} returned for it: how a feature ties a status report to what it sent. The hub applies a status to
     * its outbox before features see it, so a report of a message the hub sent finds it.
     *
     * @return empty when the tenant has no message with that provider id (not sent by the hub, or another tenant's)
     */
    default java.util.Optional<String> messageId(String providerMessageId) {
        return java.util.Optional.empty();
    }
}
