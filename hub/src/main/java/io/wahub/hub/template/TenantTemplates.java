package io.wahub.hub.template;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The SDK's {@link Templates} for one tenant, read from {@link TemplateRepository} at each call. */
@Component
public class TenantTemplates {

    private final TemplateRepository templates;

    TenantTemplates(TemplateRepository templates) {
        this.templates = templates;
    }

    public Templates forTenant(String tenantId) {
        return (name, language) -> find(tenantId, name, language);
    }

    private Optional<Templates.Info> find(String tenantId, String name, String language) {
        List<MessageTemplate> found = templates.findByName(tenantId, name, language);
        if (found.size() != 1) {
            return Optional.empty();
        }
        MessageTemplate t = found.getFirst();
        return Optional.of(new Templates.Info(t.content().name(), t.content().language(),
                MessageCategory.valueOf(t.content().category()), t.status(), t.approved(), t.variables()));
    }
}
