package io.wahub.hub.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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

    /** @return false if the id is taken */
    public boolean create(String id, String name, String plan) {
        try {
            jdbc.sql("INSERT INTO tenant (id, name, plan) VALUES (:id, :name, :plan)").param("id", id)
                    .param("name", name).param("plan", plan).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public void update(Tenant tenant) {
        jdbc.sql("""
                        UPDATE tenant SET name = :name, channel = :channel, status = :status, plan = :plan
                        WHERE id = :id
                        """)
                .param("id", tenant.id()).param("name", tenant.name()).param("channel", tenant.channel())
                .param("status", tenant.status()).param("plan", tenant.plan()).update();
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("channel"), rs.getString("status"),
                rs.getString("plan"), rs.getTimestamp("created_at").toInstant());
    }
}
