package io.wahub.hub.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who belongs to which tenant with which role. */
@Repository
public class MemberRepository {

    /** A member as listed in the API. */
    public record Member(UUID userId, String email, Role role) {
    }

    /** A tenant a person belongs to. */
    public record Membership(String tenantId, String tenantName, Role role) {
    }

    private final JdbcClient jdbc;

    public MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Role> role(String tenantId, UUID userId) {
        return jdbc.sql("SELECT role FROM tenant_member WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenantId).param("user", userId).query(String.class).optional().map(Role::of);
    }

    /**
     * Serialises changes to the tenant's members until the transaction ends (a PostgreSQL advisory lock): a decision
     * taken on who is a member with which role (may the caller make owners? is this the last owner?) cannot race
     * another change of them. Taken again in the same transaction, it is simply held twice.
     */
    public void lock(String tenantId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('tenant_member:' || :tenant, 0))")
                .param("tenant", tenantId).query((rs, n) -> Boolean.TRUE).single();
    }

    public List<Member> members(String tenantId) {
        return jdbc.sql("""
                        SELECT u.id, u.email, m.role FROM tenant_member m JOIN app_user u ON u.id = m.user_id
                        WHERE m.tenant_id = :tenant ORDER BY u.email
                        """)
                .param("tenant", tenantId)
                .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getString("email"),
                        Role.of(rs.getString("role"))))
                .list();
    }

    public List<Membership> memberships(UUID userId) {
        return jdbc.sql("""
                        SELECT t.id, t.name, m.role FROM tenant_member m JOIN tenant t ON t.id = m.tenant_id
                        WHERE m.user_id = :user ORDER BY t.id
                        """)
                .param("user", userId)
                .query((rs, n) -> new Membership(rs.getString("id"), rs.getString("name"),
                        Role.of(rs.getString("role"))))
                .list();
    }

    /** @return whether the person was a member */
    public boolean remove(String tenantId, UUID userId) {
        return jdbc.sql("DELETE FROM tenant_member WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenantId).param("user", userId).update() == 1;
    }

    public long owners(String tenantId) {
        return jdbc.sql("SELECT count(*) FROM tenant_member WHERE tenant_id = :tenant AND role = 'owner'")
                .param("tenant", tenantId).query(Long.class).single();
    }

    /** Gives an existing member another role. */
    public void changeRole(String tenantId, UUID userId, Role role) {
        jdbc.sql("UPDATE tenant_member SET role = :role WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenantId).param("user", userId).param("role", role.value()).update();
    }

    /**
     * Makes the person a member with {@code role}; one who already is keeps the higher of their role and
     * {@code role} (joining never demotes, so it can never take away an owner).
     *
     * @return the role the person has now
     */
    public Role join(String tenantId, UUID userId, Role role) {
        return Role.of(jdbc.sql("""
                        INSERT INTO tenant_member (tenant_id, user_id, role) VALUES (:tenant, :user, :role)
                        ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = CASE
                            WHEN array_position(ARRAY['owner', 'admin', 'member'], excluded.role)
                               < array_position(ARRAY['owner', 'admin', 'member'], tenant_member.role)
                            THEN excluded.role ELSE tenant_member.role END
                        RETURNING role
                        """)
                .param("tenant", tenantId).param("user", userId).param("role", role.value())
                .query(String.class).single());
    }
}
