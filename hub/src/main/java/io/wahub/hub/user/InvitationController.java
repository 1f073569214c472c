package io.wahub.hub.user;

import io.wahub.hub.apikey.ApiKey;
import io.wahub.hub.apikey.ApiKeyRepository;
import io.wahub.hub.apikey.ApiKeySecrets;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inviting people: an owner or admin invites an email with a role and passes the one-time token on (the hub sends
 * no email); the invitee accepts with it, choosing a password if new. Inviting an owner, and accepting an owner
 * invitation, pass the {@link OwnerRule}.
 */
@RestController
public class InvitationController {

    static final Duration INVITATION_TTL = Duration.ofDays(7);
    static final String TOKEN_MARKER = "whi_";

    public record NewInvitation(@NotBlank @Email @Size(max = 320) String email, @NotNull Role role) {
    }

    /** The invitation with its token, shown once. */
    public record CreatedInvitation(UUID id, String email, Role role, Instant expiresAt, String token) {
    }

    public record Acceptance(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 1024) String password) {
    }

    public record TokenOnly(@NotBlank @Size(max = 200) String token) {
    }

    /** What an open invitation is for, as its accept page shows it before anyone commits. */
    public record Preview(String tenant, String tenantName, String email, Role role) {
    }

    /** @param role the role the person has now: the invitation's, or their own if that was higher */
    public record Accepted(String tenant, String email, Role role) {
    }

    private final InvitationRepository invitations;
    private final InvitationAcceptance acceptance;
    private final OwnerRule ownerRule;
    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final PasswordEncoder encoder;
    private final LoginService logins;
    private final Tenants tenants;
    private final AuditLog audit;
    private final Clock clock;

    public InvitationController(InvitationRepository invitations, InvitationAcceptance acceptance,
                                OwnerRule ownerRule, UserRepository users, ApiKeyRepository keys,
                                PasswordEncoder encoder, LoginService logins, Tenants tenants, AuditLog audit,
                                Clock clock) {
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.ownerRule = ownerRule;
        this.users = users;
        this.keys = keys;
        this.encoder = encoder;
        this.logins = logins;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/api/v1/tenants/{tenant}/invitations")
    @TenantScoped(Scope.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public CreatedInvitation invite(@PathVariable String tenant, @Valid @RequestBody NewInvitation request) {
        tenants.require(tenant);
        WahubPrincipal caller = Actors.require();
        if (request.role() == Role.OWNER) {
            ownerRule.require(tenant, caller);
        }
        // The person behind the invitation: the caller, or the calling key's creator.
        UUID person = caller.isKey() ? keys.find(caller.keyId()).map(ApiKey::createdByUser).orElse(null)
                : caller.userId();
        String token = TOKEN_MARKER + ApiKeySecrets.random(40);
        UUID id = UUID.randomUUID();
        Instant expiresAt = clock.instant().plus(INVITATION_TTL);
        invitations.insert(tenant, id, request.email(), request.role(), ApiKeySecrets.sha256(token),
                new InvitationRepository.Issuer(caller.name(), person, caller.keyId()), expiresAt);
        audit.record(tenant, "user.invited", UserRepository.normalise(request.email()),
                Map.of("role", request.role().value()));
        return new CreatedInvitation(id, UserRepository.normalise(request.email()), request.role(), expiresAt,
                token);
    }

    /**
     * Which tenant, email and role an open invitation is for: the token is the credential (whoever holds it may
     * accept it), so it is answered without a session. Changes nothing; 404 when not open.
     */
    @PostMapping("/api/v1/invitations/preview")
    public Preview preview(@Valid @RequestBody TokenOnly request) {
        var invitation = invitations.findOpen(ApiKeySecrets.sha256(request.token()))
                .orElseThrow(InvitationAcceptance::notFound);
        return new Preview(invitation.tenantId(), tenants.require(invitation.tenantId()).name(), invitation.email(),
                invitation.role());
    }

    /**
     * Accepts an invitation. A new person sets their password (12+ characters); an existing one proves it is them
     * with their current password (a sign-in attempt, with its limits and lockout), and keeps their role if it is
     * higher than the invitation's. The password is checked or hashed before the acceptance's transaction.
     */
    @PostMapping("/api/v1/invitations/accept")
    public Accepted accept(@Valid @RequestBody Acceptance request, HttpServletRequest http) {
        String tokenHash = ApiKeySecrets.sha256(request.token());
        var invitation = invitations.findOpen(tokenHash).orElseThrow(InvitationAcceptance::notFound);
        Optional<User> existing = users.findByEmail(invitation.email());
        if (existing.isPresent()) {
            logins.login(existing.get().email(), request.password(), http.getRemoteAddr(),
                    LoginService.Via.INVITATION);
            return acceptance.complete(tokenHash, existing.get().id(), null);
        }
        if (request.password().length() < 12 || request.password().length() > 200) {
            throw new ProblemException(422, "invalid-request", "Invalid request", "Invalid request: password",
                    Map.of("errors", Map.of("password", "12-200 characters")));
        }
        return acceptance.complete(tokenHash, null, encoder.encode(request.password()));
    }
}
