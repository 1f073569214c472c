package io.wahub.sdk;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current tenant's message templates, as a feature sees them through {@link FeatureContext#templates()}: to
 * choose a template before sending it with {@link OutboundMessage.Template#named}, or to fall back to something
 * else when it is not approved.
 *
 * <p>Contract: read-only; answers what the hub has stored at the moment of the call (a status webhook from Meta
 * may change it right after). Thread-safe; may be called from an event, a timer or an API call, with no
 * transaction of the caller's involved. Calling it twice has no effect beyond reading twice.
 */
public interface Templates {

    /**
     * The tenant's template with this name in this language, or, when {@code language} is {@code null}, in its
     * only language (empty when the tenant has the name in none or in several languages).
     */
    Optional<Info> find(String name, String language);

    /** Whether the template exists and may be sent now (see {@link Info#approved()}). */
    default boolean approved(String name, String language) {
        return find(name, language).map(Info::approved).orElse(false);
    }

    /**
     * A stored template.
     *
     * @param name      template name
     * @param language  language code, for example {@code en_US}
     * @param category  {@link MessageCategory#MARKETING}, {@link MessageCategory#UTILITY} or
     *                  {@link MessageCategory#AUTHENTICATION}
     * @param status    Meta's approval status: {@code APPROVED}, {@code PENDING}, {@code REJECTED},
     *                  {@code PAUSED}, {@code DISABLED}, {@code FLAGGED}, {@code IN_APPEAL}, … (upper case)
     * @param approved  whether it may be sent now: status {@code APPROVED}, or {@code FLAGGED} (low quality, still
     *                  sendable)
     * @param variables the named variables a message must give values for, in order of appearance
     */
    record Info(String name, String language, MessageCategory category, String status, boolean approved,
                List<String> variables) {
        public Info {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(status, "status");
            variables = variables == null ? List.of() : List.copyOf(variables);
        }
    }

    /**
     * A template a feature ships (see {@link Feature#templates()}): the hub stores it for a tenant that enables the
     * feature and has no template of that name and language yet, so the feature works out of the box. Approved at
     * once on the sandbox channel; on the Cloud API it waits for Meta's review like any template (create the same
     * in WhatsApp Manager).
     *
     * @param name     template name (lower case, digits, underscores)
     * @param language language code, for example {@code en_US}
     * @param category {@link MessageCategory#UTILITY}, {@link MessageCategory#MARKETING} or
     *                 {@link MessageCategory#AUTHENTICATION}
     * @param body     the body with named variables, {@code {{order_number}}}
     * @param examples an example value for every variable (Meta's review needs them)
     * @param quickReplies labels of quick-reply buttons under the body, in order (at most 10, each at most 25
     *                 characters); empty for none. A message gives each button's payload with
     *                 {@link OutboundMessage.Template#withQuickReplyPayloads}
     * @param buttons  URL buttons under the body, at most 2 (Meta's limit for URL buttons); none by default
     */
    record Draft(String name, String language, MessageCategory category, String body, Map<String, String> examples,
                 List<String> quickReplies, List<UrlButton> buttons) {
        public Draft {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(body, "body");
            examples = examples == null ? Map.of() : Map.copyOf(examples);
            quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
            if (buttons.size() > 2) {
                throw new IllegalArgumentException("a template has at most 2 URL buttons");
            }
        }

        /** A draft without buttons. */
        public Draft(String name, String language, MessageCategory category, String body,
                     Map<String, String> examples) {
            this(name, language, category, body, examples, List.of(), List.of());
        }

        /** This draft with quick-reply buttons labelled {@code labels}, in order. */
        public Draft withQuickReplies(List<String> labels) {
            return new Draft(name, language, category, body, examples, labels, buttons);
        }

        /** This draft with URL buttons (at most 2). */
        public Draft withUrlButtons(List<UrlButton> urlButtons) {
            return new Draft(name, language, category, body, examples, quickReplies, urlButtons);
        }
    }

    /**
     * A URL button of a shipped template ({@link Draft#buttons()}).
     *
     * @param text the label (at most 25 characters)
     * @param url  {@code https://…}, optionally ending in one variable that the message fills
     *             ({@code https://checkout.stripe.com/{{payment_path}}}); give that variable an example in the
     *             draft's {@code examples}. The channel gets only the variable's value, as Meta's URL buttons take it
     */
    record UrlButton(String text, String url) {
        public UrlButton {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }
    }
}
