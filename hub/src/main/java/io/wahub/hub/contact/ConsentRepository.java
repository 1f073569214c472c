package io.wahub.hub.contact;

import io.wahub.sdk.MessageCategory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Consent decisions per contact and category: the current one ({@code contact_consent}) and every one recorded
 * ({@code contact_consent_history}). Every query is scoped by tenant.
 */
@Repository
public class ConsentRepository {

    public static final String OPTED_IN = "opted-in";
    public static final String OPTED_OUT = "opted-out";

    /** A contact's current decision for one category. */
    public record Decision(UUID contactId, MessageCategory category, String status, String source, Instant at) {
    }

    /** A recorded decision, as kept in the history: when it was taken ({@code at}) and recorded. */
    public record Recorded(String category, String status, String source, Instant at, Instant recordedAt) {
    }

    private final JdbcClient jdbc;

    public ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a decision taken at {@code at}, unless one taken later is already current (a redelivered or retried
     * event never overrides a newer decision). Every decision that became current is added to the history.
     *
     * @return whether it became the current decision
     */
    public boolean record(String tenantId, UUID contactId, MessageCategory category, String status, String source,
                          Instant at, Instant now) {
        int changed = jdbc.sql("""
                        WITH current AS (
                            INSERT INTO contact_consent AS c (tenant_id, contact_id, category, status, source, at)
                            VALUES (:tenant, :contact, :category, :status, :source, :at)
                            ON CONFLICT (tenant_id, contact_id, category) DO UPDATE
                                SET status = EXCLUDED.status, source = EXCLUDED.source, at = EXCLUDED.at
                                WHERE c.at <= EXCLUDED.at
                            RETURNING tenant_id, contact_id, category, status, source, at)
                        INSERT INTO contact_consent_history (tenant_id, contact_id, category, status, source, at,
                                                             recorded_at)
                        SELECT tenant_id, contact_id, category, status, source, at, :now FROM current
                        """)
                .param("tenant", tenantId).param("contact", contactId).param("category", category.name())
                .param("status", status).param("source", source).param("at", Timestamp.from(at))
                .param("now", Timestamp.from(now)).update();
        return changed > 0;
    }

    /** The current decisions of these contacts, every category. */
    public List<Decision> current(String tenantId, Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT contact_id, category, status, source, at FROM contact_consent
                        WHERE tenant_id = :tenant AND contact_id = ANY(:contacts::uuid[])
                        ORDER BY category
                        """)
                .param("tenant", tenantId).param("contacts", new SqlArrayValue("uuid", contactIds.toArray()))
                .query((rs, n) -> new Decision(rs.getObject("contact_id", UUID.class),
                        MessageCategory.valueOf(rs.getString("category")), rs.getString("status"),
                        rs.getString("source"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    /**
     * The current decision of the number's contact for {@code category}, in one query; empty: none recorded. Two
     * lookups by key whatever the statistics say (a join was planned as a scan of freshly imported consents).
     */
    public Optional<Decision> currentByPhone(String tenantId, String phone, MessageCategory category) {
        return jdbc.sql("""
                        SELECT contact_id, category, status, source, at FROM contact_consent
                        WHERE tenant_id = :tenant AND category = :category
                          AND contact_id = (SELECT id FROM contact WHERE tenant_id = :tenant AND phone = :phone)
                        """)
                .param("tenant", tenantId).param("phone", phone).param("category", category.name())
                .query((rs, n) -> new Decision(rs.getObject("contact_id", UUID.class),
                        MessageCategory.valueOf(rs.getString("category")), rs.getString("status"),
                        rs.getString("source"), rs.getTimestamp("at").toInstant()))
                .optional();
    }

    /**
     * The current decisions for {@code category} of these numbers' contacts, by number, in one query; a number
     * without one is absent. Key lookups per contact whatever the statistics say (as {@link #currentByPhone}; the
     * lateral part is kept apart from the join by its {@code OFFSET 0}).
     */
    public Map<String, Decision> currentByPhones(String tenantId, Collection<String> phones,
                                                 MessageCategory category) {
        if (phones.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT c.phone, d.contact_id, d.category, d.status, d.source, d.at
                        FROM contact c CROSS JOIN LATERAL (
                            SELECT contact_id, category, status, source, at FROM contact_consent cc
                            WHERE cc.tenant_id = c.tenant_id AND cc.contact_id = c.id AND cc.category = :category
                            OFFSET 0) d
                        WHERE c.tenant_id = :tenant AND c.phone = ANY(:phones::text[])
                        """)
                .param("tenant", tenantId).param("category", category.name())
                .param("phones", new SqlArrayValue("text", phones.toArray()))
                .query((rs, n) -> Map.entry(rs.getString("phone"), new Decision(rs.getObject("contact_id",
                        UUID.class), MessageCategory.valueOf(rs.getString("category")), rs.getString("status"),
                        rs.getString("source"), rs.getTimestamp("at").toInstant())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every decision recorded for the contact, newest first (by when it was taken), at most {@code limit}. */
    public List<Recorded> history(String tenantId, UUID contactId, int limit) {
        return jdbc.sql("""
                        SELECT category, status, source, at, recorded_at FROM contact_consent_history
                        WHERE tenant_id = :tenant AND contact_id = :contact
                        ORDER BY at DESC, recorded_at DESC LIMIT :limit
                        """)
                .param("tenant", tenantId).param("contact", contactId).param("limit", limit)
                .query((rs, n) -> new Recorded(rs.getString("category").toLowerCase(java.util.Locale.ROOT),
                        rs.getString("status"), rs.getString("source"), rs.getTimestamp("at").toInstant(),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }
}
