package io.wahub.hub.user;

import io.wahub.hub.apikey.ApiKeyRepository;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.web.ProblemException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transaction of accepting an invitation, once the person's password is checked (or hashed): consume the
 * invitation, apply the {@link OwnerRule} to its issuer if it makes an owner, join the tenant without ever lowering
 * an existing role ({@link MemberRepository#join}).
 */
@Service
public class InvitationAcceptance {

    /** Nobody the rule would trust: an issuer that is gone, revoked, or unknown (invitations made before V24). */
    private static final WahubPrincipal NOBODY = new WahubPrincipal("unknown", null, null, null, false, Set.of());

    private final InvitationRepository invitations;
    private final MemberRepository members;
    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final OwnerRule ownerRule;
    private final AuditLog audit;
    private final Clock clock;

    public InvitationAcceptance(InvitationRepository invitations, MemberRepository members, UserRepository users,
                                ApiKeyRepository keys, OwnerRule ownerRule, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.members = members;
        this.users = users;
        this.keys = keys;
        this.ownerRule = ownerRule;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param existingUser    the person accepting, when they have an account (their password already checked)
     * @param newPasswordHash the new person's password hash, when they have none
     * @throws ProblemException 404 {@code invitation-not-found}; 403 {@code owner-required} for an owner invitation
     *                          whose issuer may not (or no longer) make owners
     */
    @Transactional
    public InvitationController.Accepted complete(String tokenHash, UUID existingUser, String newPasswordHash) {
        var invitation = invitations.accept(tokenHash).orElseThrow(InvitationAcceptance::notFound);
        members.lock(invitation.tenantId());
        if (invitation.role() == Role.OWNER) {
            try {
                ownerRule.require(invitation.tenantId(), issuer(invitation));
            } catch (ProblemException refused) {
                throw new ProblemException(403, "owner-required", "Owner required", "This owner invitation is not "
                        + "valid: whoever issued it may not (or no longer) make owners of tenant '"
                        + invitation.tenantId() + "'.");
            }
        }
        UUID userId = existingUser != null ? existingUser
                : users.create(invitation.email(), newPasswordHash, false);
        Role now = members.join(invitation.tenantId(), userId, invitation.role());
        audit.record(invitation.tenantId(), invitation.email(), "invitation.accepted", invitation.email(),
                Map.of("role", invitation.role().value(), "roleNow", now.value()));
        return new InvitationController.Accepted(invitation.tenantId(), invitation.email(), now);
    }

    /** The issuer as the rule sees them now: a key that is still valid, or a person as they are today. */
    private WahubPrincipal issuer(InvitationRepository.Invitation invitation) {
        if (invitation.invitedByKey() != null) {
            return keys.find(invitation.invitedByKey())
                    .filter(k -> k.revokedAt() == null
                            && (k.expiresAt() == null || k.expiresAt().isAfter(clock.instant())))
                    .map(k -> new WahubPrincipal("key:" + k.prefix(), null, k.id(), k.tenantId(), k.operator(),
                            k.scopes(), k.features()))
                    .orElse(NOBODY);
        }
        if (invitation.invitedByUser() != null) {
            return users.find(invitation.invitedByUser())
                    .map(u -> WahubPrincipal.user(u.id(), u.email(), u.operator())).orElse(NOBODY);
        }
        return NOBODY;
    }

    static ProblemException notFound() {
        return new ProblemException(404, "invitation-not-found", "Invitation not found",
                "The invitation does not exist, was used already or has expired.");
    }
}
