package io.wahub.hub.user;

import io.wahub.hub.apikey.ApiKeyRevocations;
import io.wahub.hub.audit.AuditLog;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * When a person is removed from a tenant or demoted in it, what they made there stops working in the same
 * transaction: the tenant's API keys they created (directly, or through a key of theirs) and the open invitations
 * they issued. Otherwise a removed admin would keep acting through a key, or come back through an invitation to
 * another of their addresses. Each revocation is audited ({@code key.revoked}, {@code invitation.revoked}).
 */
@Component
public class MemberRevocations {

    static final String REMOVED = "member-removed";
    static final String DEMOTED = "member-demoted";

    private final ApiKeyRevocations keys;
    private final InvitationRepository invitations;
    private final AuditLog audit;

    public MemberRevocations(ApiKeyRevocations keys, InvitationRepository invitations, AuditLog audit) {
        this.keys = keys;
        this.invitations = invitations;
        this.audit = audit;
    }

    /** @param reason {@link #REMOVED} or {@link #DEMOTED}, for the audit log */
    @Transactional(propagation = Propagation.MANDATORY)
    public void revokeWhatTheyMade(String tenant, UUID userId, String reason) {
        keys.revokeCreatedBy(tenant, userId, reason);
        for (UUID invitation : invitations.revokeIssuedBy(tenant, userId)) {
            audit.record(tenant, "invitation.revoked", invitation.toString(),
                    Map.of("reason", reason, "issuer", userId.toString()));
        }
    }
}
