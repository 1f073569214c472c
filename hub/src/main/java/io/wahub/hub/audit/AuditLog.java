package io.wahub.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.hub.security.Actors;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Admin actions per tenant, and platform-level events (sign-ins) without one: who (the signed-in email or
 * {@code key:<prefix>}), what, on which target, when and from which address (the socket's, or the client's as a
 * trusted proxy forwarded it). {@code detail} names what changed, never secret values or passwords.
 */
@Repository
public class AuditLog {

    /** One entry as the API lists it. */
    public record Entry(long id, String actor, String action, String target, Map<String, Object> detail,
                        String remoteAddr, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public AuditLog(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Records an action by the current caller, from the current request's address. */
    public void record(String tenantId, String action, String target, Map<String, ?> detail) {
        record(tenantId, Actors.name(), action, target, detail);
    }

    /**
     * Records an action by {@code actor} (who is not, or not yet, the authenticated caller: a person signing in),
     * from the current request's address. {@code tenantId} null: a platform-level entry, such as a sign-in.
     */
    public void record(String tenantId, String actor, String action, String target, Map<String, ?> detail) {
        jdbc.sql("""
                        INSERT INTO audit_log (tenant_id, actor, action, target, detail, remote_addr)
                        VALUES (:tenant, :actor, :action, :target, :detail::jsonb, :addr)
                        """)
                .param("tenant", tenantId).param("actor", actor).param("action", action)
                .param("target", target).param("detail", json(detail)).param("addr", remoteAddr()).update();
    }

    /** An entry made on the caller's thread (who, from where) and written later with others ({@link #recordAll}). */
    public record Pending(String tenantId, String actor, String action, String target, String detail,
                          String remoteAddr) {
    }

    /** An action by the current caller from the current request's address, to be written by {@link #recordAll}. */
    public Pending entry(String tenantId, String action, String target, Map<String, ?> detail) {
        return new Pending(tenantId, Actors.name(), action, target, json(detail), remoteAddr());
    }

    /** Writes the entries in one statement (one text whatever their number: the batch as arrays), in their order. */
    public void recordAll(List<Pending> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO audit_log (tenant_id, actor, action, target, detail, remote_addr)
                        SELECT e.tenant_id, e.actor, e.action, e.target, e.detail::jsonb, e.remote_addr
                        FROM unnest(:tenants::text[], :actors::text[], :actions::text[], :targets::text[],
                                    :details::text[], :addrs::text[])
                             WITH ORDINALITY AS e(tenant_id, actor, action, target, detail, remote_addr, n)
                        ORDER BY e.n
                        """)
                .param("tenants", column(entries, Pending::tenantId)).param("actors", column(entries, Pending::actor))
                .param("actions", column(entries, Pending::action)).param("targets", column(entries, Pending::target))
                .param("details", column(entries, Pending::detail)).param("addrs", column(entries, Pending::remoteAddr))
                .update();
    }

    private static SqlArrayValue column(List<Pending> entries, Function<Pending, String> value) {
        return new SqlArrayValue("text", entries.stream().map(value).toArray());
    }

    public List<Entry> latest(String tenantId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_log WHERE tenant_id = :tenant ORDER BY at DESC, id DESC LIMIT :limit
                        """)
                .param("tenant", tenantId).param("limit", limit).query(this::map).list();
    }

    /** The latest platform-level entries (no tenant): sign-ins, failed sign-ins, password changes. */
    public List<Entry> latestPlatform(int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_log WHERE tenant_id IS NULL ORDER BY at DESC, id DESC LIMIT :limit
                        """)
                .param("limit", limit).query(this::map).list();
    }

    private static String remoteAddr() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private String json(Map<String, ?> detail) {
        try {
            return mapper.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Entry map(ResultSet rs, int row) throws SQLException {
        try {
            return new Entry(rs.getLong("id"), rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                    mapper.readValue(rs.getString("detail"), Map.class), rs.getString("remote_addr"),
                    rs.getTimestamp("at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit detail is not JSON", e);
        }
    }
}
