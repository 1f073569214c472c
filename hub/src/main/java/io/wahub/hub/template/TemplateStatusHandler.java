package io.wahub.hub.template;

import io.wahub.hub.inbox.HubEventHandler;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a tenant's templates current with Meta: a {@code template.status} event sets the status (with its reason)
 * or the quality rating of the template with that name and language, in one statement of its own. Idempotent and
 * order-proof: a change is applied only if newer (by the event's {@code occurredAt}) than the last one applied. A
 * change for a template the tenant has not stored (made in WhatsApp Manager only) is ignored, with a debug log: the
 * event itself stays visible in the tenant's events.
 */
@Component
class TemplateStatusHandler implements HubEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateStatusHandler.class);

    private final TemplateRepository templates;

    TemplateStatusHandler(TemplateRepository templates) {
        this.templates = templates;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.TEMPLATE_STATUS);
    }

    @Override
    public void handle(CanonicalEvent event, int priorAttempts) {
        var payload = event.payload();
        String name = payload.path("name").asText("");
        String language = payload.path("language").asText("");
        String templateId = payload.has("templateId") ? payload.get("templateId").asText() : null;
        if (name.isEmpty() || language.isEmpty()) {
            return;
        }
        boolean known;
        if (payload.has("status")) {
            String status = payload.get("status").asText();
            if (!MessageTemplate.STATUSES.contains(status)) {
                LOG.debug("Template status {} of {} ({}) for tenant {} is not one the hub knows; ignored", status,
                        name, language, event.tenantId());
                return;
            }
            known = templates.applyStatus(event.tenantId(), name, language, status,
                    payload.has("reason") ? payload.get("reason").asText() : null, templateId, event.occurredAt());
        } else if (payload.has("quality")) {
            known = templates.applyQuality(event.tenantId(), name, language, payload.get("quality").asText(),
                    templateId, event.occurredAt());
        } else {
            return;
        }
        if (!known) {
            LOG.debug("Template {} ({}) of tenant {} is not stored in the hub; its change is ignored", name, language,
                    event.tenantId());
        }
    }
}
