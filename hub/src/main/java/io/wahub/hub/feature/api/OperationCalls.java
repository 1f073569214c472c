package io.wahub.hub.feature.api;

import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.apikey.RateLimiter;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.feature.RunEffects;
import io.wahub.hub.feature.api.FeatureOperations.Mounted;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.web.ProblemException;
import io.wahub.routes.Ref;
import io.wahub.sdk.OutboundMessage;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens around a feature operation's handler: the rate limit before it; after it one transaction that stores
 * the messages it sent, makes its timer changes ({@link OperationMessages}) and writes the audit entry
 * {@value #AUDIT_ACTION} (target: the feature; detail: method, path template, status) of a write or of any call with
 * such effects, then the announcement of the messages.
 *
 * <p>Shared rows: the tenant's quota counter is taken by a statement of its own ahead of the effects' transaction
 * ({@link MessageQuota#reserve}), so concurrent calls of one tenant do not queue behind each other's transactions
 * (each holding a pooled connection while it waited: a burst of one tenant's OTP starts held most of the pool).
 *
 * <p>Durability: the handler's store transactions in a write
 * ({@link io.wahub.hub.feature.FeatureContexts#openDeferred}) commit without waiting for the disk. The audit entry
 * is written in the effects' transaction (on its own when there are none), whose commit is synchronous and flushes
 * them all before the caller is answered; should PostgreSQL crash before it, none of them survive and the caller got
 * no answer. The effects' transaction holds no row another call needs while it waits for that flush (the quota
 * counter was taken before it): its messages, timers and audit entry are rows of their own, and a recipient's pacing
 * row is shared only with calls sending to the same number.
 */
@Component
class OperationCalls {

    static final String AUDIT_ACTION = "feature.api.call";

    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final OperationMessages messages;
    private final TransactionTemplate transactions;
    private final MessageQuota quota;
    private final long callsPerMinute;

    OperationCalls(RateLimiter rateLimiter, AuditLog audit, OperationMessages messages,
                   TransactionTemplate transactions, MessageQuota quota,
                   FeatureApiProperties properties) {
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.messages = messages;
        this.transactions = transactions;
        this.quota = quota;
        this.callsPerMinute = properties.callsPerMinute();
    }

    /** @throws ProblemException 429 {@code rate-limited} with {@code retryAfterSeconds} */
    void limit(String tenantId, String featureId) {
        OptionalLong waitNanos = rateLimiter.tryConsume("feature-api:" + tenantId + ":" + featureId, callsPerMinute);
        if (waitNanos.isPresent()) {
            long seconds = RateLimiter.retryAfterSeconds(waitNanos.getAsLong());
            throw new ProblemException(429, "rate-limited", "Too many requests", "Feature '" + featureId
                    + "' allows " + callsPerMinute + " API calls per minute per tenant "
                    + "(wahub.features.api.calls-per-minute). Retry after " + seconds + " s.",
                    Map.of("retryAfterSeconds", seconds));
        }
    }

    /**
     * Takes a call of an operation that may send a message from the tenant's plan's send rate
     * ({@link Plan#sendsPerMinute()}, shared by the tenant's sending operations of every feature and every node).
     *
     * @throws ProblemException 429 {@code send-rate-exceeded} with {@code retryAfterSeconds}
     */
    void limitSends(Tenant tenant, Plan plan) {
        if (plan.sendsPerMinute() == null) {
            return;
        }
        OptionalLong waitNanos = rateLimiter.tryConsume("feature-sends:" + tenant.id(), plan.sendsPerMinute());
        if (waitNanos.isPresent()) {
            long seconds = RateLimiter.retryAfterSeconds(waitNanos.getAsLong());
            throw new ProblemException(429, "send-rate-exceeded", "Send rate exceeded", "Plan '" + plan.id()
                    + "' allows " + plan.sendsPerMinute() + " sends a minute through feature APIs; retry after "
                    + seconds + " s.", Map.of("retryAfterSeconds", seconds, "plan", plan.id()));
        }
    }

    /**
     * A handler returned: stores what it sent and makes its timer changes, audits the call when it wrote or had
     * effects (a synchronous commit, see above), then announces the messages.
     */
    void finish(Tenant tenant, Mounted mounted, int status, FeatureRun run) {
        boolean effects = !run.messages().isEmpty() || !run.timers().isEmpty();
        if (effects) {
            messages.announce(store(tenant, mounted, status, run));
        } else if (mounted.operation().write()) {
            record(tenant.id(), mounted, status);
        }
    }

    /**
     * The run's messages taken from the quota first ({@link MessageQuota#reserve}: the tenant's counter is shared by
     * all its calls), then stored with its timer changes and the call's audit entry in one transaction; units of
     * messages not stored go back.
     */
    private List<Ref> store(Tenant tenant, Mounted mounted, int status, FeatureRun run) {
        List<NewMessage> queued = messages.resolve(tenant.id(), tenant.channel(), run);
        MessageQuota.Reservation reserved = quota.reserve(queued.stream().map(NewMessage::ref).toList());
        RunEffects.Applied applied;
        try {
            applied = transactions.execute(tx -> {
                RunEffects.Applied done = messages.store(queued, run, reserved);
                record(tenant.id(), mounted, status);
                return done;
            });
        } catch (RuntimeException | Error e) {
            try {
                quota.giveBack(reserved, Set.of());
            } catch (RuntimeException notGivenBack) {
                e.addSuppressed(notGivenBack);
            }
            throw e;
        }
        quota.giveBack(reserved, applied.inserted());
        return applied.announce();
    }

    /** A handler answered with a problem (or failed): a write is audited with that status; nothing is sent. */
    void recordProblem(String tenantId, Mounted mounted, int status) {
        if (mounted.operation().write()) {
            record(tenantId, mounted, status);
        }
    }

    private void record(String tenantId, Mounted mounted, int status) {
        audit.record(tenantId, AUDIT_ACTION, mounted.feature().id(), Map.of("method", mounted.operation().method(),
                "path", mounted.operation().path(), "status", status));
    }
}
