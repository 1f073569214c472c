package io.wahub.hub.apikey;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Revoking API keys, one at a time or all those a person created for a tenant, each audited as
 * {@code key.revoked}. Runs in the caller's transaction; this node's cache of the keys is cleared at once and again
 * after the commit (so a request racing the commit cannot cache the key as still valid); other nodes drop it
 * within {@link ApiKeyAuthenticator#CACHE_TTL}.
 */
@Component
public class ApiKeyRevocations {

    private final ApiKeyRepository keys;
    private final ApiKeyAuthenticator authenticator;
    private final AuditLog audit;

    public ApiKeyRevocations(ApiKeyRepository keys, ApiKeyAuthenticator authenticator, AuditLog audit) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    /** @throws ProblemException 404 {@code key-not-found} when the tenant has no such key */
    @Transactional(propagation = Propagation.MANDATORY)
    public void revoke(String tenant, UUID id) {
        String hash = keys.revoke(tenant, id).orElseThrow(() -> new ProblemException(404, "key-not-found",
                "API key not found", "No API key " + id + " for tenant '" + tenant + "'."));
        forget(hash);
        audit.record(tenant, "key.revoked", id.toString(), Map.of());
    }

    /**
     * Revokes the keys {@code userId} created for {@code tenant} (directly or through a key of theirs), because
     * that person was removed or demoted ({@code reason}).
     *
     * @return how many keys were revoked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeCreatedBy(String tenant, UUID userId, String reason) {
        List<ApiKeyRepository.Revoked> revoked = keys.revokeCreatedBy(tenant, userId);
        for (ApiKeyRepository.Revoked key : revoked) {
            forget(key.secretHash());
            audit.record(tenant, "key.revoked", key.id().toString(),
                    Map.of("prefix", key.prefix(), "reason", reason, "creator", userId.toString()));
        }
        return revoked.size();
    }

    private void forget(String secretHash) {
        authenticator.evict(secretHash);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    authenticator.evict(secretHash);
                }
            });
        }
    }
}
