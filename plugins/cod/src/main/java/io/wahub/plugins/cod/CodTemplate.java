package io.wahub.plugins.cod;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Templates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The confirmation question: a UTILITY template with two quick-reply buttons, Confirm then Cancel, whose payloads
 * name the order and the answer ({@code cod:{source}:{orderId}:confirm}), so the customer's tap comes back as a
 * {@code message.received} with that {@code buttonPayload} and no state is needed to read it.
 */
final class CodTemplate {

    static final String NAME = "cod_order_confirmation";
    static final String LANGUAGE = "en_US";
    static final String CONFIRM = "confirm";
    static final String CANCEL = "cancel";
    private static final String PREFIX = "cod:";

    /** The shipped template, stored for a tenant that enables the feature. */
    static final Templates.Draft DEFAULT = new Templates.Draft(NAME, LANGUAGE, MessageCategory.UTILITY,
            "Hi {{first_name}}, you ordered {{order_number}} ({{total}}) to pay cash on delivery. Please confirm it"
                    + " so we can ship it, or cancel it if you changed your mind.",
            Map.of("first_name", "Jon", "order_number", "#1001", "total", "29.35 EUR"))
            .withQuickReplies(List.of("Confirm", "Cancel"));

    /** A tapped button: which order and what the customer answered. */
    record Reply(String source, String orderId, String answer) {
    }

    private CodTemplate() {
    }

    static OutboundMessage.Template question(Confirmation c, CodSettings settings) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("first_name", c.firstName() == null ? "there" : c.firstName());
        variables.put("order_number", c.orderNumber() == null ? c.orderId() : c.orderNumber());
        variables.put("total", c.total() == null ? "" : (c.total() + (c.currency() == null ? "" : " " + c.currency()))
                .strip());
        return OutboundMessage.Template.named(settings.templateName(), settings.templateLanguage(), variables)
                .withQuickReplyPayloads(List.of(payload(c, CONFIRM), payload(c, CANCEL)));
    }

    static String payload(Confirmation c, String answer) {
        return PREFIX + c.source() + ":" + c.orderId() + ":" + answer;
    }

    /** The reply a button payload stands for; empty for a payload that is not this feature's. */
    static Optional<Reply> reply(String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = payload.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || !(CONFIRM.equals(parts[2]) || CANCEL.equals(parts[2]))) {
            return Optional.empty();
        }
        return Optional.of(new Reply(parts[0], parts[1], parts[2]));
    }
}
