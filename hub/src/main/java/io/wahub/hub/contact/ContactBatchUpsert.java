package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactRepository.Upserted;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.contact.ContactService.TenantWrite;
import io.wahub.hub.db.RelaxedCommit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Many contact writes, of several tenants, in one statement committed on its own without waiting for the disk
 * ({@link RelaxedCommit#alone}): the contacts of a dispatched batch's orders. Each row is scoped by its tenant.
 *
 * <p>Takes only writes that set fields ({@link #takes}): no tags, no name only-if-missing, no attribute removed
 * (no null value). For those, each row ends as {@link ContactRepository#upsert} would leave it; the others need that
 * statement's rules and are written by it.
 */
@Repository
class ContactBatchUpsert {

    private final RelaxedCommit relaxed;
    private final ContactRepository contacts;

    ContactBatchUpsert(RelaxedCommit relaxed, ContactRepository contacts) {
        this.relaxed = relaxed;
        this.contacts = contacts;
    }

    /** Whether the write only sets fields, so that this statement writes it as a single upsert would. */
    static boolean takes(Write write) {
        return write.tags() == null && !write.nameIfMissing() && (write.attributes() == null
                || write.attributes().values().stream().allMatch(value -> value instanceof String
                || value instanceof Number || value instanceof Boolean));
    }

    /**
     * Upserts these contacts, numbers distinct per tenant, each one {@link #takes takes}.
     *
     * @return each contact as stored, and whether this call created it, by tenant and number
     */
    Map<List<String>, Upserted> upsert(List<TenantWrite> writes, Instant now) {
        if (writes.isEmpty()) {
            return Map.of();
        }
        return relaxed.alone("""
                        INSERT INTO contact AS c (tenant_id, id, phone, name, language, country, time_zone, tags,
                                                  attributes, source, created_at, updated_at)
                        SELECT w.tenant_id, w.id, w.phone, w.name, w.language, w.country, w.time_zone, '{}',
                               COALESCE(w.attributes::jsonb, '{}'), w.source, :now, :now
                        FROM unnest(:tenants::text[], :ids::uuid[], :phones::text[], :names::text[],
                                    :languages::text[], :countries::text[], :zones::text[], :attributes::text[],
                                    :sources::text[])
                             AS w(tenant_id, id, phone, name, language, country, time_zone, attributes, source)
                        ON CONFLICT (tenant_id, phone) DO UPDATE SET
                            name = COALESCE(EXCLUDED.name, c.name),
                            language = COALESCE(EXCLUDED.language, c.language),
                            country = COALESCE(EXCLUDED.country, c.country),
                            time_zone = COALESCE(EXCLUDED.time_zone, c.time_zone),
                            attributes = c.attributes || EXCLUDED.attributes,
                            updated_at = EXCLUDED.updated_at
                        RETURNING c.*, (xmax = 0) AS inserted
                        """, new MapSqlParameterSource()
                        .addValue("tenants", text(writes, TenantWrite::tenantId))
                        .addValue("ids", new SqlArrayValue("uuid",
                                Stream.generate(UUID::randomUUID).limit(writes.size()).toArray()))
                        .addValue("phones", text(writes, w -> w.write().phone()))
                        .addValue("names", text(writes, w -> w.write().name()))
                        .addValue("languages", text(writes, w -> w.write().language()))
                        .addValue("countries", text(writes, w -> w.write().country()))
                        .addValue("zones", text(writes, w -> w.write().timeZone()))
                        .addValue("attributes", text(writes, w -> contacts.json(w.write().attributes())))
                        .addValue("sources", text(writes, w -> w.write().source()))
                        .addValue("now", Timestamp.from(now)),
                rs -> {
                    Map<List<String>, Upserted> byNumber = new HashMap<>();
                    while (rs.next()) {
                        Upserted upserted = new Upserted(contacts.read(rs), rs.getBoolean("inserted"));
                        byNumber.put(List.of(rs.getString("tenant_id"), upserted.contact().phone()), upserted);
                    }
                    return byNumber;
                });
    }

    private static SqlArrayValue text(List<TenantWrite> writes, Function<TenantWrite, String> field) {
        return new SqlArrayValue("text", writes.stream().map(field).toArray());
    }
}
