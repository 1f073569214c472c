package io.wahub.sdk;

/**
 * A model's answer.
 *
 * @param text             the assistant message's text
 * @param model            the model that answered, as the server names it
 * @param promptTokens     tokens read (0 when the server does not say)
 * @param completionTokens tokens generated (0 when the server does not say)
 * @param finishReason     why generation stopped ({@code stop}, {@code length}, …), or {@code null}
 */
public record ChatResult(String text, String model, long promptTokens, long completionTokens, String finishReason) {
}
