package io.wahub.hub.template;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.tenant.Tenant;
import io.wahub.sdk.Feature;
import io.wahub.sdk.Templates;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the templates a feature ships ({@link Feature#templates()}) for a tenant that enables it, so the feature
 * works out of the box: each one the tenant has no template of that name and language for yet, checked like a
 * template saved through the API, {@code APPROVED} at once on the sandbox channel (no Meta reviews it) and
 * {@code PENDING} elsewhere, audited as {@code template.created}. A tenant's own template of that name is left as
 * it is. Runs in the caller's transaction.
 */
@Component
public class FeatureTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureTemplates.class);

    private final TemplateRepository templates;
    private final AuditLog audit;
    private final Clock clock;

    FeatureTemplates(TemplateRepository templates, AuditLog audit, Clock clock) {
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    public void provision(Tenant tenant, Feature feature) {
        for (Templates.Draft draft : feature.templates()) {
            if (!templates.findByName(tenant.id(), draft.name(), draft.language()).isEmpty()) {
                continue;
            }
            TemplateContent content = new TemplateContent(draft.name(), draft.language(),
                    draft.category().name().toUpperCase(Locale.ROOT), null, draft.body(), null,
                    java.util.stream.Stream.concat(draft.quickReplies().stream().map(label -> new TemplateContent.Button(
                            TemplateContent.Button.QUICK_REPLY, label, null, null, null, null)),
                            draft.buttons().stream().map(b -> new TemplateContent.Button(TemplateContent.Button.URL,
                                    b.text(), b.url(), null, null, null))).toList(),
                    draft.examples(), null);
            Map<String, String> errors = TemplateValidator.errors(content);
            if (!errors.isEmpty()) {
                LOG.warn("Feature {} ships template {} ({}) that is not valid, not stored: {}", feature.id(),
                        draft.name(), draft.language(), errors);
                continue;
            }
            MessageTemplate created = templates.create(tenant.id(), content, MessageTemplate.initialStatus(tenant),
                    clock.instant());
            audit.record(tenant.id(), "template.created", created.id().toString(),
                    Map.of("name", draft.name(), "language", draft.language(), "feature", feature.id()));
        }
    }
}
