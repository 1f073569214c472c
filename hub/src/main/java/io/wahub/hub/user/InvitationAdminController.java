package io.wahub.hub.user;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's open invitations, for its owners and admins: the list (tenant, email, role, issuer, expiry; never the
 * token, which only its creator saw once) and revoking one. Revoking an owner invitation passes the
 * {@link OwnerRule}, like issuing it.
 */
@RestController
public class InvitationAdminController {

    private final InvitationRepository invitations;
    private final MemberRepository members;
    private final OwnerRule ownerRule;
    private final Tenants tenants;
    private final AuditLog audit;

    public InvitationAdminController(InvitationRepository invitations, MemberRepository members, OwnerRule ownerRule,
                                     Tenants tenants, AuditLog audit) {
        this.invitations = invitations;
        this.members = members;
        this.ownerRule = ownerRule;
        this.tenants = tenants;
        this.audit = audit;
    }

    @GetMapping("/api/v1/tenants/{tenant}/invitations")
    @TenantScoped(Scope.ADMIN)
    public List<InvitationRepository.OpenInvitation> list(@PathVariable String tenant) {
        tenants.require(tenant);
        return invitations.open(tenant);
    }

    @DeleteMapping("/api/v1/tenants/{tenant}/invitations/{id}")
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public ResponseEntity<Void> revoke(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        members.lock(tenant);
        Role role = invitations.openRole(tenant, id).orElseThrow(() -> new ProblemException(404,
                "invitation-not-found", "Invitation not found",
                "No open invitation " + id + " in tenant '" + tenant + "'."));
        if (role == Role.OWNER) {
            ownerRule.require(tenant, Actors.require());
        }
        invitations.revoke(tenant, id);
        audit.record(tenant, "invitation.revoked", id.toString(), Map.of("role", role.value()));
        return ResponseEntity.noContent().build();
    }
}
