package io.wahub.hub.feature.api;

import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.apikey.RateLimiter;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.feature.api.FeatureOperations.Mounted;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.web.ProblemException;
import io.wahub.routes.Ref;
import io.wahub.sdk.OutboundMessage;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens around a feature operation's handler: the rate limit before it, and after it one transaction that
 * stores the messages it sent ({@link OperationMessages}) and, for a write, the audit entry
 * {@value #AUDIT_ACTION} (target: the feature; detail: method, path template, status), then the announcement of
 * the messages.
 */
@Component
class OperationCalls {

    static final String AUDIT_ACTION = "feature.api.call";

    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final OperationMessages messages;
    private final TransactionTemplate transactions;
    private final long callsPerMinute;

    OperationCalls(RateLimiter rateLimiter, AuditLog audit, OperationMessages messages,
                   TransactionTemplate transactions, FeatureApiProperties properties) {
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.messages = messages;
        this.transactions = transactions;
        this.callsPerMinute = properties.callsPerMinute();
    }

    /** @throws ProblemException 429 {@code rate-limited} with {@code retryAfterSeconds} */
    void limit(String tenantId, String featureId) {
        OptionalLong waitNanos = rateLimiter.tryConsume("feature-api:" + tenantId + ":" + featureId, callsPerMinute);
        if (waitNanos.isPresent()) {
            long seconds = Math.max(1, (waitNanos.getAsLong() + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException(429, "rate-limited", "Too many requests", "Feature '" + featureId
                    + "' allows " + callsPerMinute + " API calls per minute per tenant "
                    + "(wahub.features.api.calls-per-minute). Retry after " + seconds + " s.",
                    Map.of("retryAfterSeconds", seconds));
        }
    }

    /** A handler returned: stores what it sent and audits a write, in one transaction; announces the messages. */
    void finish(Tenant tenant, Mounted mounted, int status, FeatureRun run) {
        if (run.messages().isEmpty() && run.timers().isEmpty() && !mounted.operation().write()) {
            return;
        }
        List<Ref> stored = transactions.execute(tx -> {
            if (mounted.operation().write()) {
                record(tenant.id(), mounted, status);
            }
            return messages.store(tenant.id(), tenant.channel(), run);
        });
        messages.announce(stored);
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
