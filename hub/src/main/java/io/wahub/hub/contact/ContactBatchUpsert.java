package io.wahub.hub.contact;

import io.wahub.hub.contact.ContactImportRepository.Counts;
import io.wahub.hub.contact.ContactRepository.Upserted;
import io.wahub.hub.contact.ContactRepository.Write;
import io.wahub.hub.contact.ContactService.TenantWrite;
import io.wahub.hub.db.RelaxedCommit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Many contact writes in one statement: a chunk of a CSV import ({@link #upsert}), and the contacts of a dispatched
 * batch's orders, of several tenants ({@link #upsertAlone}). Each row is scoped by its tenant; numbers are distinct
 * per tenant (one statement cannot write a row twice).
 *
 * <p>As for single writes ({@link ContactRepository#upsert}), a field not given keeps its value, attributes are
 * merged, and the source is set when the contact is created. Unlike them, tags given are added to the contact's (an
 * import never removes a tag) and an attribute given {@code null} is not removed.
 */
@Repository
class ContactBatchUpsert {

    private static final String UPSERT = """
            INSERT INTO contact AS c (tenant_id, id, phone, name, language, country, time_zone, tags, attributes,
                                      source, created_at, updated_at)
            SELECT w.tenant_id, gen_random_uuid(), w.phone, w.name, w.language, w.country, w.time_zone,
                   COALESCE(string_to_array(w.tags, E'\\x1f'), '{}'),
                   jsonb_strip_nulls(COALESCE(w.attributes::jsonb, '{}')), w.source, :now, :now
            FROM unnest(:tenants::text[], :phones::text[], :names::text[], :languages::text[], :countries::text[],
                        :zones::text[], :tags::text[], :attributes::text[], :sources::text[])
                 AS w(tenant_id, phone, name, language, country, time_zone, tags, attributes, source)
            ON CONFLICT (tenant_id, phone) DO UPDATE SET
                name = COALESCE(EXCLUDED.name, c.name),
                language = COALESCE(EXCLUDED.language, c.language),
                country = COALESCE(EXCLUDED.country, c.country),
                time_zone = COALESCE(EXCLUDED.time_zone, c.time_zone),
                tags = c.tags || ARRAY(SELECT t FROM unnest(EXCLUDED.tags) t WHERE t <> ALL(c.tags)),
                attributes = jsonb_strip_nulls(c.attributes || EXCLUDED.attributes),
                updated_at = EXCLUDED.updated_at
            """;
    private static final String UPSERT_COUNTING = UPSERT + "RETURNING (xmax = 0) AS inserted";
    private static final String UPSERT_RETURNING = UPSERT + "RETURNING c.*, (xmax = 0) AS inserted";

    private final JdbcClient jdbc;
    private final RelaxedCommit relaxed;
    private final ContactRepository contacts;

    ContactBatchUpsert(JdbcClient jdbc, RelaxedCommit relaxed, ContactRepository contacts) {
        this.jdbc = jdbc;
        this.relaxed = relaxed;
        this.contacts = contacts;
    }

    /**
     * Whether this statement writes the write as a single upsert would: it sets fields only (no tags, which a single
     * write replaces; no name only-if-missing; no attribute removed, that is no {@code null} value).
     */
    static boolean takes(Write write) {
        return write.tags() == null && !write.nameIfMissing() && (write.attributes() == null
                || write.attributes().values().stream().allMatch(value -> value instanceof String
                || value instanceof Number || value instanceof Boolean));
    }

    /** Creates or updates the contacts of one chunk of a tenant's import; committed as the caller's statements are. */
    Counts upsert(String tenantId, List<Write> writes, Instant now) {
        List<Boolean> created = jdbc.sql(UPSERT_COUNTING)
                .paramSource(parameters(writes.stream().map(write -> new TenantWrite(tenantId, write)).toList(),
                        now))
                .query((rs, n) -> rs.getBoolean("inserted")).list();
        int inserted = (int) created.stream().filter(Boolean::booleanValue).count();
        return new Counts(inserted, created.size() - inserted);
    }

    /**
     * Creates or updates these contacts, each one {@link #takes takes}, in a statement committed on its own without
     * waiting for the disk ({@link RelaxedCommit#alone}).
     *
     * @return each contact as stored, and whether this call created it, by {@link #key}
     */
    Map<List<String>, Upserted> upsertAlone(List<TenantWrite> writes, Instant now) {
        if (writes.isEmpty()) {
            return Map.of();
        }
        return relaxed.alone(UPSERT_RETURNING, parameters(writes, now), rs -> {
            Map<List<String>, Upserted> byNumber = new HashMap<>();
            while (rs.next()) {
                Upserted upserted = new Upserted(contacts.read(rs), rs.getBoolean("inserted"));
                byNumber.put(key(rs.getString("tenant_id"), upserted.contact().phone()), upserted);
            }
            return byNumber;
        });
    }

    /** How {@link #upsertAlone} keys what it stored: tenant and number. */
    static List<String> key(String tenantId, String phone) {
        return List.of(tenantId, phone);
    }

    private MapSqlParameterSource parameters(List<TenantWrite> writes, Instant now) {
        return new MapSqlParameterSource()
                .addValue("tenants", text(writes, TenantWrite::tenantId))
                .addValue("phones", text(writes, w -> w.write().phone()))
                .addValue("names", text(writes, w -> w.write().name()))
                .addValue("languages", text(writes, w -> w.write().language()))
                .addValue("countries", text(writes, w -> w.write().country()))
                .addValue("zones", text(writes, w -> w.write().timeZone()))
                .addValue("tags", text(writes, w -> w.write().tags() == null || w.write().tags().isEmpty() ? null
                        : String.join("\u001f", w.write().tags())))
                .addValue("attributes", text(writes, w -> contacts.json(w.write().attributes())))
                .addValue("sources", text(writes, w -> w.write().source()))
                .addValue("now", Timestamp.from(now));
    }

    private static SqlArrayValue text(List<TenantWrite> writes, Function<TenantWrite, String> field) {
        return new SqlArrayValue("text", writes.stream().map(field).toArray());
    }
}
