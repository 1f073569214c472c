package io.wahub.hub.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Open invitations, found by the SHA-256 of their token. */
@Repository
public class InvitationRepository {

    /**
     * An invitation that can still be accepted.
     *
     * @param invitedByUser the person who issued it (directly, or through a key of theirs), if known
     * @param invitedByKey  the API key that issued it, if one did
     */
    public record Invitation(String tenantId, UUID id, String email, Role role, UUID invitedByUser,
                             UUID invitedByKey) {
    }

    /** Who issues an invitation: the display name, the person behind it, the key (if a key). */
    public record Issuer(String name, UUID userId, UUID keyId) {
    }

    private static final String OPEN = "accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()";

    private final JdbcClient jdbc;

    public InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String tenantId, UUID id, String email, Role role, String tokenHash, Issuer issuer,
                       Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO invitation (tenant_id, id, email, role, token_hash, invited_by, invited_by_user,
                                                invited_by_key, expires_at)
                        VALUES (:tenant, :id, :email, :role, :hash, :by, :byUser, :byKey, :expires)
                        """)
                .param("tenant", tenantId).param("id", id).param("email", UserRepository.normalise(email))
                .param("role", role.value()).param("hash", tokenHash).param("by", issuer.name())
                .param("byUser", issuer.userId()).param("byKey", issuer.keyId())
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    /** The invitation with this token hash, if it is open (unused, unrevoked, unexpired); changes nothing. */
    public Optional<Invitation> findOpen(String tokenHash) {
        return jdbc.sql("SELECT * FROM invitation WHERE token_hash = :hash AND " + OPEN)
                .param("hash", tokenHash).query(InvitationRepository::map).optional();
    }

    /** Marks the invitation accepted and returns it, if it is open; of two concurrent calls one gets it. */
    public Optional<Invitation> accept(String tokenHash) {
        return jdbc.sql("UPDATE invitation SET accepted_at = now() WHERE token_hash = :hash AND " + OPEN
                        + " RETURNING *")
                .param("hash", tokenHash).query(InvitationRepository::map).optional();
    }

    /** Revokes the open invitations {@code userId} issued for the tenant; returns their ids. */
    public List<UUID> revokeIssuedBy(String tenantId, UUID userId) {
        return jdbc.sql("""
                        UPDATE invitation SET revoked_at = now()
                        WHERE tenant_id = :tenant AND invited_by_user = :user AND accepted_at IS NULL
                          AND revoked_at IS NULL AND expires_at > now()
                        RETURNING id
                        """)
                .param("tenant", tenantId).param("user", userId).query(UUID.class).list();
    }

    /**
     * An open invitation as the team page lists it: which tenant, which email, which role, who issued it, until when.
     */
    public record OpenInvitation(UUID id, String tenantId, String tenantName, String email, Role role,
                                 String invitedBy, Instant createdAt, Instant expiresAt) {
    }

    /** The tenant's open invitations (unused, unrevoked, unexpired), newest first. */
    public List<OpenInvitation> open(String tenantId) {
        return jdbc.sql("""
                        SELECT i.id, i.tenant_id, t.name AS tenant_name, i.email, i.role, i.invited_by, i.created_at,
                               i.expires_at
                        FROM invitation i JOIN tenant t ON t.id = i.tenant_id
                        WHERE i.tenant_id = :tenant AND i.accepted_at IS NULL AND i.revoked_at IS NULL
                          AND i.expires_at > now()
                        ORDER BY i.created_at DESC, i.id
                        """)
                .param("tenant", tenantId)
                .query((rs, n) -> new OpenInvitation(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                        rs.getString("tenant_name"), rs.getString("email"), Role.of(rs.getString("role")),
                        rs.getString("invited_by"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** The role of the tenant's open invitation {@code id}, if there is one. */
    public Optional<Role> openRole(String tenantId, UUID id) {
        return jdbc.sql("SELECT role FROM invitation WHERE tenant_id = :tenant AND id = :id AND " + OPEN)
                .param("tenant", tenantId).param("id", id).query(String.class).optional().map(Role::of);
    }

    /** Revokes the tenant's open invitation {@code id}; false when there is none (used, revoked, expired, unknown). */
    public boolean revoke(String tenantId, UUID id) {
        return jdbc.sql("UPDATE invitation SET revoked_at = now() WHERE tenant_id = :tenant AND id = :id AND " + OPEN)
                .param("tenant", tenantId).param("id", id).update() == 1;
    }

    private static Invitation map(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getString("tenant_id"), rs.getObject("id", UUID.class), rs.getString("email"),
                Role.of(rs.getString("role")), rs.getObject("invited_by_user", UUID.class),
                rs.getObject("invited_by_key", UUID.class));
    }
}
