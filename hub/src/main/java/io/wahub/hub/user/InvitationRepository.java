package io.wahub.hub.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Open invitations, found by the SHA-256 of their token. */
@Repository
public class InvitationRepository {

    /** An invitation that can still be accepted. */
    public record Invitation(String tenantId, UUID id, String email, Role role) {
    }

    private final JdbcClient jdbc;

    public InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String tenantId, UUID id, String email, Role role, String tokenHash, String invitedBy,
                       Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO invitation (tenant_id, id, email, role, token_hash, invited_by, expires_at)
                        VALUES (:tenant, :id, :email, :role, :hash, :by, :expires)
                        """)
                .param("tenant", tenantId).param("id", id).param("email", UserRepository.normalise(email))
                .param("role", role.value()).param("hash", tokenHash).param("by", invitedBy)
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    /** Marks the invitation accepted and returns it, if it is open and unexpired. */
    public Optional<Invitation> accept(String tokenHash) {
        return jdbc.sql("""
                        UPDATE invitation SET accepted_at = now()
                        WHERE token_hash = :hash AND accepted_at IS NULL AND expires_at > now()
                        RETURNING tenant_id, id, email, role
                        """)
                .param("hash", tokenHash)
                .query((rs, n) -> new Invitation(rs.getString("tenant_id"), rs.getObject("id", UUID.class),
                        rs.getString("email"), Role.of(rs.getString("role"))))
                .optional();
    }
}
