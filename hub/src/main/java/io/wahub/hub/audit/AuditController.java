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

    private final AuditLog audit;
    private final Tenants tenants;

    public AuditController(AuditLog audit, Tenants tenants) {
        this.audit = audit;
        this.tenants = tenants;
    }

    @GetMapping("/api/v1/tenants/{tenant}/audit")
    @TenantScoped(Scope.ADMIN)
    public List<AuditLog.Entry> latest(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit) {
        tenants.require(tenant);
        return audit.latest(tenant, Math.clamp(limit, 1, 1000));
    }

    /** Platform-level entries (no tenant): sign-ins and failed sign-ins, password changes. Operator only. */
    @GetMapping("/api/v1/audit")
    public List<AuditLog.Entry> platform(@RequestParam(defaultValue = "100") int limit) {
        Actors.requireOperator();
        return audit.latestPlatform(Math.clamp(limit, 1, 1000));
    }
}
