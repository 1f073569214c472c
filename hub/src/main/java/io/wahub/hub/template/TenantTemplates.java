package io.wahub.hub.template;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The SDK's {@link Templates} for one tenant, resolved by {@link TemplateResolver#find} at each call. */
@Component
public class TenantTemplates {

    private final TemplateResolver resolver;

    TenantTemplates(TemplateResolver resolver) {
        this.resolver = resolver;
    }

    public Templates forTenant(String tenantId) {
        return (name, language) -> find(tenantId, name, language);
    }

    private Optional<Templates.Info> find(String tenantId, String name, String language) {
        MessageTemplate t = resolver.find(tenantId, name, language).template();
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new Templates.Info(t.content().name(), t.content().language(),
                MessageCategory.valueOf(t.content().category()), t.status(), t.approved(), t.variables()));
    }
}
