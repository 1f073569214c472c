package io.wahub.sdk;

import java.util.List;
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
}
