package io.wahub.sdk;

/**
 * A large language model a feature can ask for a reply (an OpenAI-compatible server, …).
 *
 * <p>Features never call a {@code ChatModel} directly: they call {@link FeatureContext#chat}, and the hub routes the
 * request to the model the tenant configured and records the tokens it used. {@link #complete} is synchronous and
 * may take seconds; it runs on a virtual thread. The model handles its own bounded retries of transient failures
 * (5xx, timeouts, connection resets) and never retries a refusal (4xx).
 */
public interface ChatModel extends WahubExtension {

    /**
     * Asks the model for the next assistant message.
     *
     * @throws ChatFailure when the model refused or could not be reached after its retries
     */
    ChatResult complete(ChatRequest request, PluginContext context) throws ChatFailure;
}
