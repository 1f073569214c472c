package io.wahub.hub.feature.api;

import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.apikey.RateLimiter;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.feature.api.FeatureOperations.Mounted;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * What happens around a feature operation's handler: the rate limits before it; after it, the messages it sent and
 * its timer changes ({@link OperationMessages}) are stored with the audit entry {@value #AUDIT_ACTION} (target: the
 * feature; detail: method, path template, status) of a write or of any call with such effects, by
 * {@link CallEffects}, which writes the calls finished meanwhile together (group commit), then announces the messages.
 *
 * <p>Shared rows: the tenants' quota counters are taken by a statement of their own ahead of the effects' transaction
 * ({@link MessageQuota#reserve}), so that concurrent calls of one tenant do not queue behind each other's
 * transactions.
 *
 * <p>Durability: the handler's store transactions in a write
 * ({@link io.wahub.hub.feature.FeatureContexts#openDeferred}) commit without waiting for the disk. The audit entry
 * is written in the effects' transaction, whose commit is synchronous and flushes them all before the caller is
 * answered; should PostgreSQL crash before it, none of them survive and the caller got no answer.
 */
@Component
class OperationCalls {

    static final String AUDIT_ACTION = "feature.api.call";

    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final OperationMessages messages;
    private final CallEffects writer;
    private final long callsPerMinute;

    OperationCalls(RateLimiter rateLimiter, AuditLog audit, OperationMessages messages, CallEffects writer,
                   FeatureApiProperties properties) {
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.messages = messages;
        this.writer = writer;
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
     * A handler returned: what it sent and its timer changes are written, with the call's audit entry when it wrote
     * or had effects, by {@link CallEffects} (group commit; a synchronous commit, see above); returns once written.
     */
    void finish(Tenant tenant, Mounted mounted, int status, FeatureRun run) {
        boolean effects = !run.messages().isEmpty() || !run.timers().isEmpty();
        if (effects || mounted.operation().write()) {
            writer.write(effects ? messages.resolve(tenant.id(), tenant.channel(), run) : List.of(), run.timers(),
                    entry(tenant.id(), mounted, status));
        }
    }

    /** A handler answered with a problem (or failed): a write is audited with that status; nothing is sent. */
    void recordProblem(String tenantId, Mounted mounted, int status) {
        if (mounted.operation().write()) {
            writer.write(entry(tenantId, mounted, status));
        }
    }

    private AuditLog.Pending entry(String tenantId, Mounted mounted, int status) {
        return audit.entry(tenantId, AUDIT_ACTION, mounted.feature().id(), Map.of("method",
                mounted.operation().method(), "path", mounted.operation().path(), "status", status));
    }
}
