package io.wahub.hub.policy;

import io.wahub.hub.db.Refs;
import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.routes.Ref;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages features withdrew ({@link io.wahub.sdk.FeatureContext#withdraw}), table {@code message_withdrawal}: a
 * withdrawal is recorded by message id (the one its idempotency key gives, {@link MessageRepository#id}), the
 * withdrawn messages still waiting ({@code queued}, {@code deferred}) become {@code suppressed} with reason
 * {@value #WITHDRAWN} at once, with a history entry, and {@link WithdrawnCheck} stops at send time those a delivery
 * node had claimed meanwhile. Every statement is scoped by tenant.
 */
@Component
public class MessageWithdrawals {

    static final String WITHDRAWN = "withdrawn";
    static final String SENTENCE = "The feature that queued this message withdrew it before it was sent"
            + " (it no longer applies); it is not sent.";
    /** The most keys one call may withdraw. */
    public static final int MAX_KEYS = 1000;

    private final JdbcClient jdbc;
    private final UsageMeter meter;
    private final Clock clock;

    MessageWithdrawals(JdbcClient jdbc, UsageMeter meter, Clock clock) {
        this.jdbc = jdbc;
        this.meter = meter;
        this.clock = clock;
    }

    /**
     * Withdraws the tenant's messages with these idempotency keys, in one transaction of its own.
     *
     * @return how many waiting messages became suppressed now
     * @throws IllegalArgumentException with more than {@value #MAX_KEYS} keys
     */
    @Transactional
    public int withdraw(String tenantId, String featureId, Collection<String> idempotencyKeys) {
        if (idempotencyKeys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_KEYS + " keys per withdrawal: " + idempotencyKeys.size());
        }
        if (idempotencyKeys.isEmpty()) {
            return 0;
        }
        SqlArrayValue ids = new SqlArrayValue("uuid", idempotencyKeys.stream()
                .map(key -> MessageRepository.id(tenantId, key)).distinct().toArray());
        jdbc.sql("""
                        INSERT INTO message_withdrawal (tenant_id, message_id, feature, withdrawn_at)
                        SELECT :tenant, id, :feature, :at FROM unnest(:ids::uuid[]) AS w(id)
                        ON CONFLICT (tenant_id, message_id) DO NOTHING
                        """)
                .param("tenant", tenantId).param("feature", featureId).param("at", java.sql.Timestamp.from(
                        clock.instant())).param("ids", ids).update();
        int suppressed = jdbc.sql("""
                        WITH stopped AS (
                            UPDATE message SET status = 'suppressed', reason_code = :code, last_error = :sentence,
                                               updated_at = now()
                            WHERE tenant_id = :tenant AND id = ANY(:ids::uuid[]) AND status IN ('queued', 'deferred')
                            RETURNING tenant_id, id)
                        INSERT INTO message_status (tenant_id, message_id, status, detail, at)
                        SELECT tenant_id, id, 'suppressed', :sentence, clock_timestamp() FROM stopped
                        """)
                .param("tenant", tenantId).param("ids", ids).param("code", WITHDRAWN).param("sentence", SENTENCE)
                .update();
        if (suppressed > 0) {
            meter.record(tenantId, UsageMeter.suppressed(WITHDRAWN), suppressed);
        }
        return suppressed;
    }

    /** Those of {@code messages} that were withdrawn. */
    Set<Ref> withdrawn(List<Ref> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        SELECT w.tenant_id, w.message_id AS id
                        FROM message_withdrawal w
                        JOIN unnest(:tenants::text[], :ids::uuid[]) AS m(tenant_id, id)
                          ON w.tenant_id = m.tenant_id AND w.message_id = m.id
                        """)
                .param("tenants", Refs.tenants(messages)).param("ids", Refs.ids(messages))
                .query((rs, n) -> Refs.read(rs)).list());
    }
}
