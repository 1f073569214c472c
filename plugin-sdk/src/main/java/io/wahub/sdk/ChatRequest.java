package io.wahub.sdk;

import java.util.List;
import java.util.Objects;

/**
 * A chat completion request.
 *
 * @param messages    the conversation so far, oldest first (at least one)
 * @param model       a model name overriding the tenant's configured one; {@code null} for the configured model
 * @param temperature sampling temperature 0–2; {@code null} for the server's default
 * @param maxTokens   upper bound of generated tokens; {@code null} for the server's default
 */
public record ChatRequest(List<Message> messages, String model, Double temperature, Integer maxTokens) {

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }

    /** A request of a system prompt and one user message, with the configured model and defaults. */
    public static ChatRequest of(String system, String user) {
        return new ChatRequest(List.of(new Message("system", system), new Message("user", user)), null, null, null);
    }

    /**
     * One message.
     *
     * @param role    {@code system}, {@code user} or {@code assistant}
     * @param content its text
     */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
