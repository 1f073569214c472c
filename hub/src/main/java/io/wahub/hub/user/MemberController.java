package io.wahub.hub.user;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members of a tenant: listing, changing roles, removing. Changes of a tenant's members are serialised
 * ({@link MemberRepository#lock}); whatever touches an owner passes the {@link OwnerRule}; a tenant always keeps an
 * owner; a removed or demoted person's keys and open invitations are revoked ({@link MemberRevocations}).
 */
@RestController
public class MemberController {

    public record RoleChange(@NotNull Role role) {
    }

    private final MemberRepository members;
    private final OwnerRule ownerRule;
    private final MemberRevocations revocations;
    private final Tenants tenants;
    private final AuditLog audit;

    public MemberController(MemberRepository members, OwnerRule ownerRule, MemberRevocations revocations,
                            Tenants tenants, AuditLog audit) {
        this.members = members;
        this.ownerRule = ownerRule;
        this.revocations = revocations;
        this.tenants = tenants;
        this.audit = audit;
    }

    @GetMapping("/api/v1/tenants/{tenant}/members")
    @TenantScoped(Scope.TENANT_READ)
    public List<MemberRepository.Member> list(@PathVariable String tenant) {
        tenants.require(tenant);
        return members.members(tenant);
    }

    /** Gives a member another role; a lower one revokes the keys and open invitations they made. */
    @PutMapping("/api/v1/tenants/{tenant}/members/{userId}")
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public MemberRepository.Member changeRole(@PathVariable String tenant, @PathVariable UUID userId,
                                              @Valid @RequestBody RoleChange change) {
        tenants.require(tenant);
        members.lock(tenant);
        Role current = requireMember(tenant, userId);
        Role next = change.role();
        if (current == Role.OWNER || next == Role.OWNER) {
            ownerRule.require(tenant, Actors.require());
        }
        if (current == Role.OWNER && next != Role.OWNER) {
            keepAnOwner(tenant);
        }
        members.changeRole(tenant, userId, next);
        audit.record(tenant, "member.role-changed", userId.toString(),
                Map.of("from", current.value(), "to", next.value()));
        if (current.isAbove(next)) {
            revocations.revokeWhatTheyMade(tenant, userId, MemberRevocations.DEMOTED);
        }
        return members.members(tenant).stream().filter(m -> m.userId().equals(userId)).findFirst().orElseThrow();
    }

    /**
     * Removes a person from the tenant (their account stays, with their other tenants) and revokes the keys and
     * open invitations they made for it.
     */
    @DeleteMapping("/api/v1/tenants/{tenant}/members/{userId}")
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public ResponseEntity<Void> remove(@PathVariable String tenant, @PathVariable UUID userId) {
        tenants.require(tenant);
        members.lock(tenant);
        if (requireMember(tenant, userId) == Role.OWNER) {
            ownerRule.require(tenant, Actors.require());
            keepAnOwner(tenant);
        }
        members.remove(tenant, userId);
        audit.record(tenant, "member.removed", userId.toString(), Map.of());
        revocations.revokeWhatTheyMade(tenant, userId, MemberRevocations.REMOVED);
        return ResponseEntity.noContent().build();
    }

    private Role requireMember(String tenant, UUID userId) {
        return members.role(tenant, userId).orElseThrow(() -> new ProblemException(404, "member-not-found",
                "Member not found", "No member " + userId + " in tenant '" + tenant + "'."));
    }

    private void keepAnOwner(String tenant) {
        if (members.owners(tenant) <= 1) {
            throw new ProblemException(409, "last-owner", "Last owner",
                    "Tenant '" + tenant + "' must keep at least one owner.");
        }
    }
}
