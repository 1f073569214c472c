package io.wahub.hub.user;

import io.wahub.hub.apikey.ApiKeySecrets;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members of a tenant, and inviting people: an owner or admin invites an email with a role and passes the
 * one-time token on (the hub sends no email); the invitee accepts with it, choosing a password if new.
 */
@RestController
public class MemberController {

    static final Duration INVITATION_TTL = Duration.ofDays(7);
    static final String TOKEN_MARKER = "whi_";

    public record NewInvitation(@NotBlank @Email String email, @NotNull Role role) {
    }

    /** The invitation with its token, shown once. */
    public record CreatedInvitation(UUID id, String email, Role role, Instant expiresAt, String token) {
    }

    public record Acceptance(@NotBlank String token, @NotBlank String password) {
    }

    public record Accepted(String tenant, String email, Role role) {
    }

    private final MemberRepository members;
    private final InvitationRepository invitations;
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final LoginService logins;
    private final Tenants tenants;
    private final AuditLog audit;
    private final Clock clock;

    public MemberController(MemberRepository members, InvitationRepository invitations, UserRepository users,
                            PasswordEncoder encoder,
                            LoginService logins, Tenants tenants, AuditLog audit, Clock clock) {
        this.members = members;
        this.invitations = invitations;
        this.users = users;
        this.encoder = encoder;
        this.logins = logins;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/tenants/{tenant}/members")
    @TenantScoped(Scope.TENANT_READ)
    public List<MemberRepository.Member> list(@PathVariable String tenant) {
        tenants.require(tenant);
        return members.members(tenant);
    }

    public record RoleChange(@NotNull Role role) {
    }

    /** Gives a member another role. Only owners (and the operator) may make or unmake owners. */
    @PutMapping("/api/v1/tenants/{tenant}/members/{userId}")
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public MemberRepository.Member changeRole(@PathVariable String tenant, @PathVariable UUID userId,
                                              @Valid @RequestBody RoleChange change) {
        tenants.require(tenant);
        Role current = requireMember(tenant, userId);
        if (current == Role.OWNER || change.role() == Role.OWNER) {
            requireOwner(tenant);
        }
        if (current == Role.OWNER && change.role() != Role.OWNER) {
            keepAnOwner(tenant);
        }
        members.put(tenant, userId, change.role());
        audit.record(tenant, "member.role-changed", userId.toString(),
                Map.of("from", current.value(), "to", change.role().value()));
        return members.members(tenant).stream().filter(m -> m.userId().equals(userId)).findFirst().orElseThrow();
    }

    /** Removes a person from the tenant (their account stays, with their other tenants). */
    @DeleteMapping("/api/v1/tenants/{tenant}/members/{userId}")
    @TenantScoped(Scope.ADMIN)
    @Transactional
    public ResponseEntity<Void> remove(@PathVariable String tenant, @PathVariable UUID userId) {
        tenants.require(tenant);
        if (requireMember(tenant, userId) == Role.OWNER) {
            requireOwner(tenant);
            keepAnOwner(tenant);
        }
        members.remove(tenant, userId);
        audit.record(tenant, "member.removed", userId.toString(), Map.of());
        return ResponseEntity.noContent().build();
    }

    private Role requireMember(String tenant, UUID userId) {
        return members.role(tenant, userId).orElseThrow(() -> new ProblemException(404, "member-not-found",
                "Member not found", "No member " + userId + " in tenant '" + tenant + "'."));
    }

    private void requireOwner(String tenant) {
        WahubPrincipal caller = Actors.require();
        if (!caller.operator() && (caller.isKey()
                || members.role(tenant, caller.userId()).orElse(Role.MEMBER) != Role.OWNER)) {
            throw new ProblemException(403, "insufficient-role", "Insufficient role",
                    "Only an owner may make, change or remove an owner.");
        }
    }

    private void keepAnOwner(String tenant) {
        if (members.owners(tenant) <= 1) {
            throw new ProblemException(409, "last-owner", "Last owner",
                    "Tenant '" + tenant + "' must keep at least one owner.");
        }
    }

    @PostMapping("/api/v1/tenants/{tenant}/invitations")
    @TenantScoped(Scope.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedInvitation invite(@PathVariable String tenant, @Valid @RequestBody NewInvitation request) {
        tenants.require(tenant);
        WahubPrincipal caller = Actors.require();
        if (request.role() == Role.OWNER && !caller.operator() && !caller.isKey()
                && members.role(tenant, caller.userId()).orElse(Role.MEMBER) != Role.OWNER) {
            throw new ProblemException(403, "insufficient-role", "Insufficient role",
                    "Only an owner may invite another owner.");
        }
        String token = TOKEN_MARKER + ApiKeySecrets.random(40);
        UUID id = UUID.randomUUID();
        Instant expiresAt = clock.instant().plus(INVITATION_TTL);
        invitations.insert(tenant, id, request.email(), request.role(), ApiKeySecrets.sha256(token), caller.name(),
                expiresAt);
        audit.record(tenant, "user.invited", UserRepository.normalise(request.email()),
                Map.of("role", request.role().value()));
        return new CreatedInvitation(id, UserRepository.normalise(request.email()), request.role(), expiresAt,
                token);
    }

    /**
     * Accepts an invitation. A new person sets their password (12+ characters); an existing one proves it is
     * them with their current password.
     */
    @PostMapping("/api/v1/invitations/accept")
    @Transactional
    public Accepted accept(@Valid @RequestBody Acceptance acceptance) {
        var invitation = invitations.accept(ApiKeySecrets.sha256(acceptance.token())).orElseThrow(() ->
                new ProblemException(404, "invitation-not-found", "Invitation not found",
                        "The invitation does not exist, was used already or has expired."));
        UUID userId = users.findByEmail(invitation.email())
                .map(existing -> logins.login(existing.email(), acceptance.password()).id())
                .orElseGet(() -> {
                    if (acceptance.password().length() < 12) {
                        throw new ProblemException(422, "invalid-request", "Invalid request",
                                "Invalid request: password", Map.of("errors",
                                Map.of("password", "12-200 characters")));
                    }
                    return users.create(invitation.email(), encoder.encode(acceptance.password()), false);
                });
        members.put(invitation.tenantId(), userId, invitation.role());
        audit.record(invitation.tenantId(), "invitation.accepted", invitation.email(),
                Map.of("role", invitation.role().value()));
        return new Accepted(invitation.tenantId(), invitation.email(), invitation.role());
    }
}
