package io.wahub.hub.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants. Lookups by id are the root of every tenant-scoped query. */
@Repository
public class TenantRepository {

    private final JdbcClient jdbc;

    public TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.sql("SELECT * FROM tenant WHERE id = :id").param("id", id).query(TenantRepository::map)
                .optional();
    }

    public List<Tenant> findAll() {
        return jdbc.sql("SELECT * FROM tenant ORDER BY id").query(TenantRepository::map).list();
    }

    /** The search's conditions: text in the id or name (a LIKE pattern), a status, membership; null: any. */
    private static final String MATCHING = """
            WHERE (CAST(:pattern AS text) IS NULL OR lower(t.id) LIKE :pattern OR lower(t.name) LIKE :pattern)
              AND (CAST(:status AS text) IS NULL OR t.status = :status)
              AND (CAST(:user AS uuid) IS NULL OR EXISTS (
                   SELECT 1 FROM tenant_member m WHERE m.tenant_id = t.id AND m.user_id = :user))""";

    /**
     * A page of tenants, by id, narrowed by a search text (in the id or name, any case), a status and membership.
     *
     * @param query    text the id or name contains; blank: any
     * @param status   {@code active} or {@code suspended}; null: any
     * @param memberOf only the tenants this person belongs to; null: all (the operator)
     */
    public Page search(String query, String status, UUID memberOf, int limit, int offset) {
        String pattern = query == null || query.isBlank() ? null
                : "%" + query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        List<Row> rows = jdbc.sql("SELECT t.*, count(*) OVER () AS total FROM tenant t " + MATCHING
                        + " ORDER BY t.id LIMIT :limit OFFSET :offset")
                .param("pattern", pattern).param("status", status).param("user", memberOf)
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Row(map(rs, n), rs.getLong("total"))).list();
        return new Page(rows.stream().map(Row::tenant).toList(),
                rows.isEmpty() ? (offset == 0 ? 0 : count(pattern, status, memberOf)) : rows.getFirst().total());
    }

    /** Tenants of one page and how many match in all. */
    public record Page(List<Tenant> items, long total) {
    }

    private record Row(Tenant tenant, long total) {
    }

    private long count(String pattern, String status, UUID memberOf) {
        return jdbc.sql("SELECT count(*) FROM tenant t " + MATCHING)
                .param("pattern", pattern).param("status", status).param("user", memberOf)
                .query(Long.class).single();
    }

    /**
     * @return false if the id is taken
     * @throws io.wahub.hub.web.ProblemException 409 {@code tenant-name-taken} when another tenant has the name
     */
    public boolean create(String id, String name, String plan) {
        try {
            jdbc.sql("INSERT INTO tenant (id, name, plan) VALUES (:id, :name, :plan)").param("id", id)
                    .param("name", name).param("plan", plan).update();
            return true;
        } catch (DuplicateKeyException e) {
            if (namesClash(e)) {
                throw Tenants.nameTaken(name);
            }
            return false;
        }
    }

    /** @throws io.wahub.hub.web.ProblemException 409 {@code tenant-name-taken} when another tenant has the name */
    public void update(Tenant tenant) {
        try {
            jdbc.sql("""
                            UPDATE tenant SET name = :name, channel = :channel, status = :status, plan = :plan
                            WHERE id = :id
                            """)
                    .param("id", tenant.id()).param("name", tenant.name()).param("channel", tenant.channel())
                    .param("status", tenant.status()).param("plan", tenant.plan()).update();
        } catch (DuplicateKeyException e) {
            if (namesClash(e)) {
                throw Tenants.nameTaken(tenant.name());
            }
            throw e;
        }
    }

    /** Whether another tenant's name equals {@code name}, ignoring case and surrounding spaces. */
    public boolean nameTaken(String name, String exceptId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenant WHERE lower(btrim(name)) = lower(btrim(:name))"
                        + " AND id <> :except)")
                .param("name", name).param("except", exceptId == null ? "" : exceptId).query(Boolean.class).single();
    }

    /** The unique index of V42 (names, ignoring case and surrounding spaces) refused the row. */
    private static boolean namesClash(DuplicateKeyException e) {
        return String.valueOf(e.getMessage()).contains(NAME_INDEX);
    }

    private static final String NAME_INDEX = "tenant_name_unique";

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("channel"), rs.getString("status"),
                rs.getString("plan"), rs.getTimestamp("created_at").toInstant());
    }
}
