package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.policy.RecipientStates.Recipient;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * What the send policy reads about the recipients of a delivery batch from the commerce model, in one query: each
 * recipient's contact (its last inbound message, which opens the 24-hour window, and its time zone) and its consent
 * for the message's category. Scoped by tenant.
 */
@Repository
class RecipientFacts {

    /**
     * One recipient and category.
     *
     * @param known         whether the tenant has a contact with this number
     * @param lastInboundAt when the customer last wrote in; null if never
     * @param timeZone      the contact's IANA time zone; null if unknown
     * @param consent       the current decision for the category ({@code opted-in}, {@code opted-out}), or null
     * @param consentAt     when that decision was taken
     * @param consentSource who recorded it
     */
    record Facts(boolean known, Instant lastInboundAt, String timeZone, String consent, Instant consentAt,
                 String consentSource) {
    }

    record Key(Recipient recipient, String category) {
    }

    private final JdbcClient jdbc;

    RecipientFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Key, Facts> load(List<ClaimedMessage> messages) {
        List<Key> keys = messages.stream().map(m -> new Key(new Recipient(m.ref().tenantId(), m.message().to()),
                m.message().category().name())).distinct().toList();
        Map<Key, Facts> facts = new HashMap<>();
        if (keys.isEmpty()) {
            return facts;
        }
        jdbc.sql("""
                        SELECT r.tenant_id, r.phone, r.category, c.id IS NOT NULL AS known, c.last_inbound_at,
                               c.time_zone, cc.status AS consent, cc.at AS consent_at, cc.source AS consent_source
                        FROM unnest(:tenants::text[], :phones::text[], :categories::text[]) AS r(tenant_id, phone, category)
                        LEFT JOIN contact c ON c.tenant_id = r.tenant_id AND c.phone = r.phone
                        LEFT JOIN contact_consent cc ON cc.tenant_id = c.tenant_id AND cc.contact_id = c.id
                                                     AND cc.category = r.category
                        """)
                .param("tenants", new SqlArrayValue("text", keys.stream().map(k -> k.recipient().tenantId()).toArray()))
                .param("phones", new SqlArrayValue("text", keys.stream().map(k -> k.recipient().phone()).toArray()))
                .param("categories", new SqlArrayValue("text", keys.stream().map(Key::category).toArray()))
                .query((rs, n) -> facts.put(new Key(new Recipient(rs.getString("tenant_id"), rs.getString("phone")),
                        rs.getString("category")), new Facts(rs.getBoolean("known"), instant(rs.getTimestamp(
                        "last_inbound_at")), rs.getString("time_zone"), rs.getString("consent"),
                        instant(rs.getTimestamp("consent_at")), rs.getString("consent_source"))))
                .list();
        return facts;
    }

    static Key key(ClaimedMessage message) {
        return new Key(new Recipient(message.ref().tenantId(), message.message().to()),
                message.message().category().name());
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
