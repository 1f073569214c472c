package io.wahub.sdk;

import java.util.List;
import java.util.Objects;

/**
 * A message to one customer.
 *
 * @param to             recipient phone number in E.164 ({@code +4915112345678})
 * @param category       conversation category, for pricing, metering and consent rules
 * @param text           body of a plain text message; {@code null} for a template message
 * @param template       a pre-approved template to send instead of text; {@code null} for text
 * @param idempotencyKey unique per tenant: a second message with the same key is not sent again
 */
public record OutboundMessage(String to, MessageCategory category, String text, Template template,
                             String idempotencyKey) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if ((text == null) == (template == null)) {
            throw new IllegalArgumentException("a message has either text or a template");
        }
        if (!to.matches("\\+[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("recipient is not E.164: " + to);
        }
    }

    /** A plain text message. */
    public static OutboundMessage text(String to, MessageCategory category, String text, String idempotencyKey) {
        return new OutboundMessage(to, category, text, null, idempotencyKey);
    }

    /** The recipient without the leading {@code +}, as WhatsApp APIs want it. */
    public String toDigits() {
        return to.substring(1);
    }

    /**
     * A pre-approved WhatsApp template.
     *
     * @param name       template name
     * @param language   language code such as {@code en_US}
     * @param bodyParams positional body parameters ({@code {{1}}}, {@code {{2}}}, …)
     */
    public record Template(String name, String language, List<String> bodyParams) {
        public Template {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            bodyParams = List.copyOf(bodyParams);
        }
    }
}
