package io.wahub.sdk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param deliverBy      the instant after which the message is worthless (a one-time code that expired), or
 *                       {@code null} for none. The hub keeps it with the stored message and, when the message is not
 *                       sent by then (paced, deferred, retried), never sends it: it ends {@code suppressed} with
 *                       reason {@code expired}. It does not reach the recipient's phone: a message already handed to
 *                       the channel may still be delivered later, within the channel's own time-to-live (for
 *                       WhatsApp authentication templates, the template's {@code message_send_ttl_seconds})
 */
public record OutboundMessage(String to, MessageCategory category, String text, Template template,
                              String idempotencyKey, Interactive interactive, Instant deliverBy) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        int kinds = (text == null ? 0 : 1) + (template == null ? 0 : 1) + (interactive == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a message has exactly one of text, template or interactive");
        }
        if (!PhoneNumbers.isE164(to)) {
            throw new IllegalArgumentException("recipient is not E.164: " + to);
        }
    }

    /** A message without a deliver-by instant. */
    public OutboundMessage(String to, MessageCategory category, String text, Template template,
                           String idempotencyKey, Interactive interactive) {
        this(to, category, text, template, idempotencyKey, interactive, null);
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

    /** This message, not to be sent after {@code instant} (see {@link #deliverBy()}). */
    public OutboundMessage withDeliverBy(Instant instant) {
        return new OutboundMessage(to, category, text, template, idempotencyKey, interactive, instant);
    }

    /** The recipient without the leading {@code +}, as WhatsApp APIs want it. */
    public String toDigits() {
        return to.substring(1);
    }

    /**
     * A pre-approved WhatsApp template, in one of two forms:
     * <ul>
     *   <li><b>named</b> ({@link #named}): the name of one of the tenant's stored templates and the values of its
     *       named variables ({@code {"first_name": "Jon"}}). The hub resolves it when it stores the message: it
     *       looks the template up by name (and {@code language}, or the template's own language when {@code null}),
     *       fills header, body and buttons, and keeps the rendered text for the conversation timeline. A variable
     *       the stored template needs and {@code variables} lacks, or a template the tenant does not have, makes
     *       the message fail with that reason: a half-filled template is never sent. Extra variables are
     *       ignored.</li>
     *   <li><b>positional</b>: {@code bodyParams} and {@code components} given as they are sent, for a template
     *       the hub does not store.</li>
     * </ul>
     *
     * @param name       template name
     * @param language   language code such as {@code en_US}; may be {@code null} only in the named form
     * @param bodyParams positional body parameters ({@code {{1}}}, {@code {{2}}}, …)
     * @param components further components with text parameters: header parameters, or buttons (an
     *                   authentication template's copy-code/URL button carries the code); never {@code null}
     * @param variables  the named form's variable values by name; {@code null} in the positional form
     */
    public record Template(String name, String language, List<String> bodyParams, List<Component> components,
                           Map<String, String> variables) {

        /** The sub-type of a quick-reply button component; its one parameter is the button's payload. */
        public static final String QUICK_REPLY = "quick_reply";
        public Template {
            Objects.requireNonNull(name, "name");
            if (language == null && variables == null) {
                throw new NullPointerException("language");
            }
            bodyParams = bodyParams == null ? List.of() : List.copyOf(bodyParams);
            components = components == null ? List.of() : List.copyOf(components);
            if (variables != null) {
                variables.forEach((key, value) -> {
                    Objects.requireNonNull(key, "variable name");
                    Objects.requireNonNull(value, "value of variable " + key);
                });
                variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
            }
        }

        /** A positional template with body parameters and further components. */
        public Template(String name, String language, List<String> bodyParams, List<Component> components) {
            this(name, language, bodyParams, components, null);
        }

        /** A positional template with body parameters only. */
        public Template(String name, String language, List<String> bodyParams) {
            this(name, language, bodyParams, List.of(), null);
        }

        /**
         * One of the tenant's stored templates by name, filled with named variable values.
         *
         * @param language the language to send, or {@code null} for the stored template's (when the tenant has
         *                 the name in several languages, the message must name one)
         */
        public static Template named(String name, String language, Map<String, String> variables) {
            return new Template(name, language, List.of(), List.of(),
                    Objects.requireNonNull(variables, "variables"));
        }

        /**
         * This template with a payload for each of its quick-reply buttons, in the order of the template's
         * quick-reply buttons: when the customer taps one, its payload comes back as the {@code buttonPayload} of a
         * {@code message.received} of kind {@code button}. For the named form the hub puts each payload on the
         * stored template's quick-reply button of the same rank; a template without quick-reply buttons ignores
         * them.
         */
        public Template withQuickReplyPayloads(List<String> payloads) {
            List<Component> all = new java.util.ArrayList<>(components);
            for (int i = 0; i < payloads.size(); i++) {
                all.add(new Component("button", QUICK_REPLY, i, List.of(payloads.get(i))));
            }
            return new Template(name, language, bodyParams, all, variables);
        }

        /** The quick-reply payloads given with {@link #withQuickReplyPayloads}, in order. */
        public List<String> quickReplyPayloads() {
            return components.stream().filter(c -> QUICK_REPLY.equals(c.subType()))
                    .map(c -> c.parameters().getFirst()).toList();
        }

        /** Whether this is the named form, which the hub resolves against the tenant's stored template. */
        public boolean hasVariables() {
            return variables != null;
        }
    }

    /**
     * One template component with text parameters.
     *
     * @param type           {@code header}, {@code body} or {@code button}
     * @param subType        for buttons: {@code url}, {@code quick_reply} or {@code copy_code}; else {@code null}
     * @param index          for buttons: the button's position (0-based); else {@code null}
     * @param parameters     text parameters, in order
     * @param parameterNames the named variables the parameters fill, in the same order, for a template with named
     *                       variables; empty for positional parameters
     */
    public record Component(String type, String subType, Integer index, List<String> parameters,
                            List<String> parameterNames) {
        public Component {
            Objects.requireNonNull(type, "type");
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            parameterNames = parameterNames == null ? List.of() : List.copyOf(parameterNames);
            if (!parameterNames.isEmpty() && parameterNames.size() != parameters.size()) {
                throw new IllegalArgumentException("parameterNames must name every parameter or none");
            }
        }

        /** A component with positional parameters. */
        public Component(String type, String subType, Integer index, List<String> parameters) {
            this(type, subType, index, parameters, List.of());
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
