package io.wahub.hub.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.db.RelaxedCommit;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * A tenant's contacts, one row per (tenant, E.164 number). Every query is scoped by tenant.
 *
 * <p>Writes are upserts on the number: a field given {@code null} keeps the stored value; tags, when given,
 * replace the stored ones; attributes are merged into the stored ones with jsonb {@code ||}, and a key given
 * {@code null} is removed ({@code jsonb_strip_nulls}). The contact's {@code source} is set when it is created and
 * never changed.
 */
@Repository
public class ContactRepository {

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    /**
     * What a write changes on the stored contact {@code c}, the same for {@link #upsert} and
     * {@link #updateAlone}.
     */
    private static final String CHANGES = """
            name = CASE WHEN :nameIfMissing THEN COALESCE(c.name, :name) ELSE COALESCE(:name, c.name) END,
            language = COALESCE(:language, c.language),
            country = COALESCE(:country, c.country),
            time_zone = COALESCE(:timeZone, c.time_zone),
            tags = CASE WHEN :tags::text[] IS NULL THEN c.tags ELSE :tags::text[] END,
            attributes = jsonb_strip_nulls(c.attributes || COALESCE(:attributes::jsonb, '{}')),
            updated_at = :now
            """;

    private static final String UPSERT = """
            INSERT INTO contact AS c (tenant_id, id, phone, name, language, country, time_zone, tags,
                                      attributes, source, created_at, updated_at)
            VALUES (:tenant, :id, :phone, :name, :language, :country, :timeZone,
                    COALESCE(:tags::text[], '{}'), jsonb_strip_nulls(COALESCE(:attributes::jsonb, '{}')),
                    :source, :now, :now)
            ON CONFLICT (tenant_id, phone) DO UPDATE SET
            """ + CHANGES + " RETURNING c.*, (xmax = 0) AS inserted";

    /** A stored contact. */
    public record Row(UUID id, String phone, String name, String language, String country, String timeZone,
                      List<String> tags, Map<String, Object> attributes, String source, Instant lastInboundAt,
                      Instant createdAt, Instant updatedAt) {
    }

    /**
     * What to write.
     *
     * @param nameIfMissing set the name only when the contact has none (a WhatsApp profile name never overrides a
     *                      name from an order or the API)
     */
    public record Write(String phone, String name, boolean nameIfMissing, String language, String country,
                        String timeZone, List<String> tags, Map<String, Object> attributes, String source) {

        static Write of(ContactFields.Valid valid, String source) {
            return new Write(valid.phone(), valid.name(), false, valid.language(), valid.country(),
                    valid.timeZone(), valid.tags(), valid.attributes(), source);
        }
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final RelaxedCommit relaxed;

    public ContactRepository(JdbcClient jdbc, ObjectMapper mapper, RelaxedCommit relaxed) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relaxed = relaxed;
    }

    /**
     * Creates or updates the contact with {@code write.phone()}.
     *
     * @return the contact as stored, and whether this call created it
     */
    public Upserted upsert(String tenantId, Write write, Instant now) {
        return jdbc.sql(UPSERT).paramSource(parameters(tenantId, write, now))
                .query((rs, n) -> upserted(rs)).single();
    }

    /**
     * As {@link #upsert}, in a statement committed on its own without waiting for the disk
     * ({@link RelaxedCommit#alone}: one round trip). Not inside a transaction.
     */
    public Upserted upsertAlone(String tenantId, Write write, Instant now) {
        return relaxed.alone(UPSERT, parameters(tenantId, write, now), rs -> {
            rs.next();
            return upserted(rs);
        });
    }

    private Upserted upserted(ResultSet rs) throws SQLException {
        return new Upserted(read(rs), rs.getBoolean("inserted"));
    }

    /**
     * Updates the contact with {@code write.phone()} as {@link #upsert} would, if there is one, in a statement
     * committed on its own without waiting for the disk ({@link RelaxedCommit#alone}: one round trip). Not inside a
     * transaction.
     *
     * @return the contact as stored, empty when there is none (nothing was written)
     */
    public Optional<Row> updateAlone(String tenantId, Write write, Instant now) {
        return relaxed.alone("UPDATE contact AS c SET " + CHANGES
                        + " WHERE c.tenant_id = :tenant AND c.phone = :phone RETURNING c.*",
                parameters(tenantId, write, now),
                rs -> rs.next() ? Optional.of(read(rs)) : Optional.<Row>empty());
    }

    private MapSqlParameterSource parameters(String tenantId, Write write, Instant now) {
        return new MapSqlParameterSource().addValue("tenant", tenantId).addValue("id", UUID.randomUUID())
                .addValue("phone", write.phone()).addValue("name", write.name())
                .addValue("nameIfMissing", write.nameIfMissing()).addValue("language", write.language())
                .addValue("country", write.country()).addValue("timeZone", write.timeZone())
                .addValue("tags", tags(write.tags())).addValue("attributes", json(write.attributes()))
                .addValue("source", write.source()).addValue("now", Timestamp.from(now));
    }

    /** An upserted contact. */
    public record Upserted(Row contact, boolean created) {
    }

    public Optional<Row> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM contact WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(this::row).optional();
    }

    /** When the contact with this number last wrote in; empty when there is no such contact or it never wrote. */
    public Optional<Instant> lastInboundAt(String tenantId, String phone) {
        return jdbc.sql("""
                        SELECT last_inbound_at FROM contact
                        WHERE tenant_id = :tenant AND phone = :phone AND last_inbound_at IS NOT NULL
                        """)
                .param("tenant", tenantId).param("phone", phone)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public Optional<Row> findByPhone(String tenantId, String phone) {
        return jdbc.sql("SELECT * FROM contact WHERE tenant_id = :tenant AND phone = :phone")
                .param("tenant", tenantId).param("phone", phone).query(this::row).optional();
    }

    /** The tenant's contacts of these numbers, in one query. */
    public List<Row> findByPhones(String tenantId, java.util.Collection<String> phones) {
        return phones.isEmpty() ? List.of() : jdbc.sql(
                        "SELECT * FROM contact WHERE tenant_id = :tenant AND phone = ANY(:phones::text[])")
                .param("tenant", tenantId).param("phones", new SqlArrayValue("text", phones.toArray()))
                .query(this::row).list();
    }

    /** Deletes the contact with its consent and conversation (cascade); false when there is none. */
    public boolean delete(String tenantId, UUID id) {
        return jdbc.sql("DELETE FROM contact WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).update() > 0;
    }

    /**
     * The contact wrote at {@code at}: its window runs from the latest such time.
     *
     * @return that latest time, as stored
     */
    public Instant wroteAt(String tenantId, UUID id, Instant at) {
        return jdbc.sql("""
                        UPDATE contact SET last_inbound_at = GREATEST(last_inbound_at, :at)
                        WHERE tenant_id = :tenant AND id = :id
                        RETURNING last_inbound_at
                        """)
                .param("tenant", tenantId).param("id", id).param("at", Timestamp.from(at))
                .query(Timestamp.class).single().toInstant();
    }

    /**
     * One page of contacts, newest first, after the cursor position (the last row of the previous page).
     *
     * @param tag     only contacts with this tag (null: all)
     * @param search  a part of the name (any case) or of the number's digits (null: all)
     * @param consent only contacts whose marketing consent is {@code opted-in}, {@code opted-out} or {@code none}
     */
    public List<Row> page(String tenantId, String tag, String search, String consent, PageCursor after, int limit) {
        String digits = search == null ? null : search.replaceAll("\\D", "");
        return jdbc.sql("""
                        SELECT c.* FROM contact c
                        LEFT JOIN contact_consent m ON m.tenant_id = c.tenant_id AND m.contact_id = c.id
                                                   AND m.category = 'MARKETING'
                        WHERE c.tenant_id = :tenant
                          AND (:tag::text IS NULL OR c.tags @> ARRAY[:tag::text])
                          AND (:search::text IS NULL OR c.name ILIKE '%' || :search::text || '%'
                               OR (:digits::text <> '' AND c.phone LIKE '%' || :digits::text || '%'))
                          AND (:consent::text IS NULL OR COALESCE(m.status, 'none') = :consent::text)
                          AND (:afterAt::timestamptz IS NULL OR (c.created_at, c.id) < (:afterAt::timestamptz, :afterId::uuid))
                        ORDER BY c.created_at DESC, c.id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenantId).param("tag", tag).param("search", likeSafe(search))
                .param("digits", digits).param("consent", consent)
                .param("afterAt", after == null ? null : Timestamp.from(after.at()))
                .param("afterId", after == null ? null : UUID.fromString(after.id()))
                .param("limit", limit)
                .query(this::row).list();
    }

    /**
     * One page of a segment, by phone: contacts with all {@code tags} and every attribute of {@code attributes}
     * (JSON object of strings) equal as text, numbers after {@code afterPhone} (null: from the first).
     */
    public List<Row> segmentPage(String tenantId, List<String> tags, String attributes, String afterPhone,
                                 int limit) {
        return jdbc.sql("""
                        SELECT c.* FROM contact c
                        WHERE c.tenant_id = :tenant AND c.tags @> :tags::text[]
                          AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(:attributes::jsonb) f
                                          WHERE (c.attributes ->> f.key) IS DISTINCT FROM f.value)
                          AND (:after::text IS NULL OR c.phone > :after::text)
                        ORDER BY c.phone
                        LIMIT :limit
                        """)
                .param("tenant", tenantId).param("tags", tags(tags)).param("attributes", attributes)
                .param("after", afterPhone).param("limit", limit)
                .query(this::row).list();
    }

    private static String likeSafe(String search) {
        return search == null ? null : search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static SqlArrayValue tags(List<String> tags) {
        return tags == null ? null : new SqlArrayValue("text", tags.toArray());
    }

    String json(Map<String, Object> attributes) {
        if (attributes == null) {
            return null;
        }
        // entry by entry: the hub's mapper leaves out nulls, and a null here means "remove this attribute"
        ObjectNode node = mapper.createObjectNode();
        attributes.forEach((key, value) -> node.set(key, value == null ? NullNode.getInstance()
                : mapper.valueToTree(value)));
        return node.toString();
    }

    Row row(ResultSet rs, int n) throws SQLException {
        return read(rs);
    }

    Row read(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        Timestamp lastInbound = rs.getTimestamp("last_inbound_at");
        try {
            return new Row(rs.getObject("id", UUID.class), rs.getString("phone"), rs.getString("name"),
                    rs.getString("language"), rs.getString("country"), rs.getString("time_zone"),
                    List.of((String[]) tags.getArray()), mapper.readValue(rs.getString("attributes"), ATTRIBUTES),
                    rs.getString("source"), lastInbound == null ? null : lastInbound.toInstant(),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contact attributes are not JSON", e);
        }
    }
}
