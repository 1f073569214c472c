package io.wahub.hub.user;

import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.web.ProblemException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one rule for a tenant's owners, applied by every path that creates, changes or removes one: inviting someone
 * as owner, accepting an owner invitation (checked against whoever issued it, as things stand at acceptance),
 * changing a role to or from owner, and removing an owner.
 *
 * <p>Only the platform operator (the operator person, or one of the operator's API keys) or a person who is an owner
 * of that tenant at that moment may do it. A tenant's API key never may, whatever its scopes: a key is automation
 * that any admin can mint, so letting keys touch owners would let an admin become one.
 */
@Component
public class OwnerRule {

    private final MemberRepository members;

    public OwnerRule(MemberRepository members) {
        this.members = members;
    }

    /**
     * Passes when {@code actor} may make, change or remove owners of {@code tenant}. Takes the tenant's membership
     * lock ({@link MemberRepository#lock}) first, so nothing changes the actor's role between this decision and the
     * end of the caller's transaction.
     *
     * @throws ProblemException 403 {@code owner-required}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void require(String tenant, WahubPrincipal actor) {
        members.lock(tenant);
        if (actor.operator()) {
            return;
        }
        if (actor.isKey() || actor.userId() == null
                || members.role(tenant, actor.userId()).orElse(null) != Role.OWNER) {
            throw new ProblemException(403, "owner-required", "Owner required",
                    "Only an owner of tenant '" + tenant + "' or the platform operator may make, change or remove "
                            + "an owner; API keys never may.");
        }
    }
}
