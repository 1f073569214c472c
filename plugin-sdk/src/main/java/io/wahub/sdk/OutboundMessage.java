package io.wahub.sdk;

import java.util.List;
import java.util.Objects;

/**
 * A message to one customer: exactly one of {@code text}, {@code template} or {@code interactive}.
 *
 * @param to             recipient phone number in E.164 ({@code +4915112345678})
 * @param category       conversation category, for pricing, metering and consent rules
 * @param text           body of a plain text message; {@code null} otherwise
 * @param template       a pre-approved template; {@code null} otherwise
 * @param idempotencyKey unique per tenant: a second message with the same key is not sent again
 * @param interactive    reply buttons under a text; {@code null} otherwise. Like text, only inside the 24-hour
 *                       customer service window
 */
public record OutboundMessage(String to, MessageCategory category, String text, Template template,
                              String idempotencyKey, Interactive interactive) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        int kinds = (text == null ? 0 : 1) + (template == null ? 0 : 1) + (interactive == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a message has exactly one of text, template or interactive");
        }
        if (!to.matches("\\+[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("recipient is not E.164: " + to);
        }
    }

    /** A text or template message. */
    public OutboundMessage(String to, MessageCategory category, String text, Template template,
                           String idempotencyKey) {
        this(to, category, text, template, idempotencyKey, null);
    }

    /** A plain text message. */
    public static OutboundMessage text(String to, MessageCategory category, String text, String idempotencyKey) {
        return new OutboundMessage(to, category, text, null, idempotencyKey, null);
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
     * @param components further components with text parameters: header parameters, or buttons (an
     *                   authentication template's copy-code/URL button carries the code); never {@code null}
     */
    public record Template(String name, String language, List<String> bodyParams, List<Component> components) {
        public Template {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            bodyParams = bodyParams == null ? List.of() : List.copyOf(bodyParams);
            components = components == null ? List.of() : List.copyOf(components);
        }

        /** A template with body parameters only. */
        public Template(String name, String language, List<String> bodyParams) {
            this(name, language, bodyParams, List.of());
        }
    }

    /**
     * One template component besides the body.
     *
     * @param type       {@code header} or {@code button}
     * @param subType    for buttons: {@code url}, {@code quick_reply} or {@code copy_code}; else {@code null}
     * @param index      for buttons: the button's position (0-based); else {@code null}
     * @param parameters text parameters, in order
     */
    public record Component(String type, String subType, Integer index, List<String> parameters) {
        public Component {
            Objects.requireNonNull(type, "type");
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    /**
     * A text with up to three reply buttons; the customer's choice comes back as a {@code message.received} with
     * {@code kind} {@code interactive} and the button's id as {@code buttonPayload}.
     */
    public record Interactive(String body, List<Button> buttons) {
        public Interactive {
            Objects.requireNonNull(body, "body");
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
            if (buttons.isEmpty() || buttons.size() > 3) {
                throw new IllegalArgumentException("an interactive message has 1 to 3 reply buttons");
            }
        }
    }

    /** A reply button: {@code id} comes back when chosen, {@code title} (≤ 20 characters) is shown. */
    public record Button(String id, String title) {
        public Button {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
        }
    }
}
