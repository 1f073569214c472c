package io.wahub.hub.template;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's message templates. Saving validates against Meta's rules (422 with errors at their fields). A template
 * saved while the tenant sends through the sandbox is {@code APPROVED} at once (there is no Meta to review it);
 * otherwise it is {@code PENDING} (a changed template too, as Meta reviews it again) until Meta's status webhook
 * says more. The hub does not submit templates to Meta: create the same name and language in WhatsApp Manager.
 * Only the sandbox lets a tenant set a status by hand, to try how features behave with a paused or rejected one.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/templates")
public class TemplateController {

    /** A status set by hand (sandbox only). */
    public record StatusChange(String status, String reason) {
    }

    private final TemplateRepository templates;
    private final Tenants tenants;
    private final AuditLog audit;
    private final Clock clock;

    public TemplateController(TemplateRepository templates, Tenants tenants, AuditLog audit, Clock clock) {
        this.templates = templates;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    @TenantScoped(Scope.TENANT_READ)
    public List<MessageTemplate> list(@PathVariable String tenant) {
        tenants.require(tenant);
        return templates.list(tenant);
    }

    @GetMapping("/{id}")
    @TenantScoped(Scope.TENANT_READ)
    public MessageTemplate get(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        return templates.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    @PostMapping
    @TenantScoped(Scope.TENANT_WRITE)
    public ResponseEntity<MessageTemplate> create(@PathVariable String tenant, @RequestBody TemplateContent content) {
        Tenant owner = tenants.require(tenant);
        validate(content);
        MessageTemplate created = templates.create(tenant, content, MessageTemplate.initialStatus(owner),
                clock.instant());
        audit.record(tenant, "template.created", created.id().toString(), nameOf(content));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/templates/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    @TenantScoped(Scope.TENANT_WRITE)
    public MessageTemplate update(@PathVariable String tenant, @PathVariable UUID id,
                                  @RequestBody TemplateContent content) {
        Tenant owner = tenants.require(tenant);
        MessageTemplate current = templates.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        validate(content);
        String status = sandbox(owner) ? current.status() : MessageTemplate.PENDING;
        MessageTemplate updated = templates.update(tenant, id, content, status, clock.instant())
                .orElseThrow(() -> notFound(tenant, id));
        audit.record(tenant, "template.updated", id.toString(), nameOf(content));
        return updated;
    }

    @DeleteMapping("/{id}")
    @TenantScoped(Scope.TENANT_WRITE)
    public ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        MessageTemplate current = templates.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        if (!templates.delete(tenant, id)) {
            throw notFound(tenant, id);
        }
        audit.record(tenant, "template.deleted", id.toString(), nameOf(current.content()));
        return ResponseEntity.noContent().build();
    }

    /** Sets the status by hand: only while the tenant sends through the sandbox (elsewhere Meta decides: 409). */
    @PutMapping("/{id}/status")
    @TenantScoped(Scope.TENANT_WRITE)
    public MessageTemplate setStatus(@PathVariable String tenant, @PathVariable UUID id,
                                     @RequestBody StatusChange change) {
        Tenant owner = tenants.require(tenant);
        templates.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        if (!sandbox(owner)) {
            throw new ProblemException(409, "template-status-from-meta", "Status comes from Meta",
                    "Tenant '" + tenant + "' sends through '" + owner.channel() + "': a template's status is what"
                            + " Meta's webhook reports. Only the sandbox channel lets you set it.");
        }
        if (change.status() == null || !MessageTemplate.STATUSES.contains(change.status())) {
            throw new ProblemException(422, "invalid-template-status", "Invalid template status",
                    "Invalid template status: status", Map.of("errors", Map.of("status", "one of "
                    + MessageTemplate.STATUSES.stream().sorted().toList())));
        }
        MessageTemplate changed = templates.setStatus(tenant, id, change.status(), change.reason(), clock.instant())
                .orElseThrow(() -> notFound(tenant, id));
        audit.record(tenant, "template.status-set", id.toString(), Map.of("status", change.status()));
        return changed;
    }

    private static void validate(TemplateContent content) {
        Map<String, String> errors = TemplateValidator.errors(content);
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-template", "Invalid template",
                    "The template is invalid: " + String.join(", ", errors.keySet()), Map.of("errors", errors));
        }
    }

    private static boolean sandbox(Tenant tenant) {
        return Tenant.SANDBOX.equals(tenant.channel());
    }

    private static Map<String, String> nameOf(TemplateContent content) {
        return Map.of("name", String.valueOf(content.name()), "language", String.valueOf(content.language()));
    }

    private static ProblemException notFound(String tenant, UUID id) {
        return new ProblemException(404, "template-not-found", "Template not found",
                "No template " + id + " for tenant '" + tenant + "'.");
    }
}
