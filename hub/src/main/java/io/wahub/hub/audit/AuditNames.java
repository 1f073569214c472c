package io.wahub.hub.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names for what an audit entry refers to by id, so people read "key ci-deploy" and "ana@shop.example" rather than
 * UUIDs: a target that is a user, an API key, an invitation or a template of the tenant, and an actor
 * {@code key:<prefix>} (the tenant's keys, or the operator's). One statement per page of entries, and only the
 * tenant's own keys, invitations and templates (users by id: an id is in a tenant's log only because that person was
 * its member or invitee).
 */
@Component
class AuditNames {

    private final JdbcClient jdbc;

    AuditNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** id or {@code key:<prefix>} → a name, for the entries' targets and actors that have one. */
    Map<String, String> of(String tenantId, List<AuditLog.Entry> entries) {
        Set<String> ids = entries.stream().map(AuditLog.Entry::target).filter(AuditNames::isUuid)
                .collect(Collectors.toSet());
        Set<String> prefixes = entries.stream().map(AuditLog.Entry::actor)
                .filter(actor -> actor != null && actor.startsWith("key:")).map(actor -> actor.substring(4))
                .collect(Collectors.toSet());
        if (ids.isEmpty() && prefixes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        jdbc.sql("""
                        SELECT id::text AS ref, email AS name FROM app_user WHERE id::text = ANY (:ids::text[])
                        UNION ALL
                        SELECT id::text, 'key ' || name FROM api_key
                        WHERE tenant_id = :tenant AND id::text = ANY (:ids::text[])
                        UNION ALL
                        SELECT id::text, 'invitation of ' || email || ' as ' || role FROM invitation
                        WHERE tenant_id = :tenant AND id::text = ANY (:ids::text[])
                        UNION ALL
                        SELECT id::text, 'template ' || name || ' (' || language || ')' FROM message_template
                        WHERE tenant_id = :tenant AND id::text = ANY (:ids::text[])
                        UNION ALL
                        SELECT 'key:' || prefix, CASE WHEN tenant_id IS NULL THEN 'operator key ' ELSE 'key ' END || name
                        FROM api_key
                        WHERE (tenant_id = :tenant OR tenant_id IS NULL) AND prefix = ANY (:prefixes::text[])
                        """)
                .param("tenant", tenantId)
                .param("ids", ids.toArray(String[]::new))
                .param("prefixes", prefixes.toArray(String[]::new))
                .query((rs, n) -> names.putIfAbsent(rs.getString("ref"), rs.getString("name"))).list();
        return names;
    }

    private static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
