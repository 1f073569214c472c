package io.wahub.hub.template;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The SDK's {@link Templates} for one tenant, resolved by {@link TemplateResolver#find}: at each call, or once per
 * run through the run's {@link TemplateResolver.Memo}.
 */
@Component
public class TenantTemplates {

    private final TemplateResolver resolver;

    TenantTemplates(TemplateResolver resolver) {
        this.resolver = resolver;
    }

    public Templates forTenant(String tenantId) {
        return (name, language) -> info(resolver.find(tenantId, name, language).template());
    }

    /** The tenant's templates as a run sees them: each read once, into {@code memo}. */
    public Templates forTenant(String tenantId, TemplateResolver.Memo memo) {
        return (name, language) -> info(memo.find(tenantId, name, language).template());
    }

    private static Optional<Templates.Info> info(MessageTemplate t) {
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new Templates.Info(t.content().name(), t.content().language(),
                MessageCategory.valueOf(t.content().category()), t.status(), t.approved(), t.variables()));
    }
}
