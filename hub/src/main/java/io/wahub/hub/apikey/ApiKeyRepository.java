package io.wahub.hub.apikey;

import io.wahub.hub.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys; every tenant-facing query is scoped by tenant. */
@Repository
public class ApiKeyRepository {

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApiKey key, String secretHash) {
        jdbc.sql("""
                        INSERT INTO api_key (id, tenant_id, name, prefix, secret_hash, scopes, rate_limit_per_minute,
                                             expires_at, created_by, created_by_user, created_at)
                        VALUES (:id, :tenant, :name, :prefix, :hash, :scopes, :limit, :expires, :by, :byUser, :at)
                        """)
                .param("id", key.id()).param("tenant", key.tenantId()).param("name", key.name())
                .param("prefix", key.prefix()).param("hash", secretHash)
                .param("scopes", key.scopeValues().toArray(String[]::new))
                .param("limit", key.rateLimitPerMinute()).param("expires", timestamp(key.expiresAt()))
                .param("by", key.createdBy()).param("byUser", key.createdByUser())
                .param("at", timestamp(key.createdAt())).update();
    }

    /** The key with this id, whatever its tenant (operator keys have none). */
    public Optional<ApiKey> find(UUID id) {
        return jdbc.sql("SELECT * FROM api_key WHERE id = :id").param("id", id).query(ApiKeyRepository::map)
                .optional();
    }

    /** The key whose secret hashes to {@code secretHash}, whatever its tenant (used to authenticate). */
    public Optional<ApiKey> findByHash(String secretHash) {
        return jdbc.sql("SELECT * FROM api_key WHERE secret_hash = :hash").param("hash", secretHash)
                .query(ApiKeyRepository::map).optional();
    }

    public List<ApiKey> list(String tenantId) {
        return jdbc.sql("SELECT * FROM api_key WHERE tenant_id = :tenant ORDER BY created_at DESC, id")
                .param("tenant", tenantId).query(ApiKeyRepository::map).list();
    }

    public Optional<ApiKey> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM api_key WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(ApiKeyRepository::map).optional();
    }

    /** @return the revoked key's secret hash, empty when there is no such key of that tenant */
    public Optional<String> revoke(String tenantId, UUID id) {
        return jdbc.sql("""
                        UPDATE api_key SET revoked_at = COALESCE(revoked_at, now())
                        WHERE tenant_id = :tenant AND id = :id RETURNING secret_hash
                        """)
                .param("tenant", tenantId).param("id", id).query(String.class).optional();
    }

    /** A key revoked by {@link #revokeCreatedBy}: its id, and its secret hash to forget cached copies by. */
    public record Revoked(UUID id, String prefix, String secretHash) {
    }

    /** Revokes every unrevoked key of the tenant that {@code userId} created (directly or through a key). */
    public List<Revoked> revokeCreatedBy(String tenantId, UUID userId) {
        return jdbc.sql("""
                        UPDATE api_key SET revoked_at = now()
                        WHERE tenant_id = :tenant AND created_by_user = :user AND revoked_at IS NULL
                        RETURNING id, prefix, secret_hash
                        """)
                .param("tenant", tenantId).param("user", userId)
                .query((rs, n) -> new Revoked(rs.getObject("id", UUID.class), rs.getString("prefix"),
                        rs.getString("secret_hash")))
                .list();
    }

    public void touch(UUID id, Instant at) {
        jdbc.sql("UPDATE api_key SET last_used_at = GREATEST(last_used_at, :at) WHERE id = :id")
                .param("id", id).param("at", Timestamp.from(at)).update();
    }

    /** Replaces the operator's bootstrap key (tenant null, name {@code bootstrap}) with one of this hash. */
    public void replaceBootstrapKey(ApiKey key, String secretHash) {
        jdbc.sql("DELETE FROM api_key WHERE tenant_id IS NULL AND name = :name AND secret_hash <> :hash")
                .param("name", key.name()).param("hash", secretHash).update();
        if (findByHash(secretHash).isEmpty()) {
            insert(key, secretHash);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Set<Scope> scopes = new java.util.TreeSet<>();
        Set<String> features = new java.util.TreeSet<>();
        for (String value : (String[]) rs.getArray("scopes").getArray()) {
            Scope.of(value).ifPresentOrElse(scopes::add, () -> {
                if (value.startsWith(Scope.FEATURE_PREFIX)) {
                    features.add(value.substring(Scope.FEATURE_PREFIX.length()));
                }
            });
        }
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("name"),
                rs.getString("prefix"), java.util.Collections.unmodifiableSet(scopes),
                (Integer) rs.getObject("rate_limit_per_minute"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"),
                rs.getString("created_by"), rs.getObject("created_by_user", UUID.class), instant(rs, "created_at"),
                features);
    }
}
