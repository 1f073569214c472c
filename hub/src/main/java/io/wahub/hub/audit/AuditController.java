package io.wahub.hub.audit;

import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's audit log, newest first, for its owners and admins; the platform's (sign-ins), for the operator. */
@RestController
public class AuditController {

    /**
     * An entry with names for people to read: {@code actorName} for an API key actor ({@code key:<prefix>}),
     * {@code targetName} for a target that is a user, a key or an invitation id; {@code null} when there is none.
     */
    public record ReadableEntry(long id, String actor, String actorName, String action, String target,
                                String targetName, java.util.Map<String, Object> detail, String remoteAddr,
                                java.time.Instant at) {
    }

    private final AuditLog audit;
    private final Tenants tenants;
    private final AuditNames names;

    public AuditController(AuditLog audit, Tenants tenants, AuditNames names) {
        this.audit = audit;
        this.tenants = tenants;
        this.names = names;
    }

    @GetMapping("/api/v1/tenants/{tenant}/audit")
    @TenantScoped(Scope.ADMIN)
    public List<ReadableEntry> latest(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit) {
        tenants.require(tenant);
        List<AuditLog.Entry> entries = audit.latest(tenant, Math.clamp(limit, 1, 1000));
        var named = names.of(tenant, entries);
        return entries.stream().map(e -> new ReadableEntry(e.id(), e.actor(), named.get(e.actor()), e.action(),
                e.target(), e.target() == null ? null : named.get(e.target()), e.detail(), e.remoteAddr(), e.at()))
                .toList();
    }

    /** Platform-level entries (no tenant): sign-ins and failed sign-ins, password changes. Operator only. */
    @GetMapping("/api/v1/audit")
    public List<AuditLog.Entry> platform(@RequestParam(defaultValue = "100") int limit) {
        Actors.requireOperator();
        return audit.latestPlatform(Math.clamp(limit, 1, 1000));
    }
}
