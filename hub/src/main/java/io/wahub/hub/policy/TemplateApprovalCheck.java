package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.template.MessageTemplate;
import io.wahub.routes.Ref;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * A template message goes only while the tenant's template is approved ({@code APPROVED}, or {@code FLAGGED}: low
 * quality, still sendable). One still in review ({@code PENDING},
 * {@code IN_APPEAL}) or paused by Meta for its quality ({@code PAUSED}) is deferred and looked at again
 * {@value #RETRY_MINUTES} minutes later ({@value #NOT_YET}); one rejected, disabled or deleted is suppressed
 * ({@value #NOT_APPROVED}). A template the tenant never stored with the hub (sent by name and positions) is the
 * tenant's own business and passes.
 */
@Component
@Order(50)
class TemplateApprovalCheck implements SendCheck {

    static final String NOT_YET = "template-not-yet-approved";
    static final String NOT_APPROVED = "template-not-approved";
    static final int RETRY_MINUTES = 15;
    private static final Set<String> WAITING = Set.of("PENDING", "IN_APPEAL", "PAUSED");

    private record Key(String tenantId, String name, String language) {
    }

    private final JdbcClient jdbc;

    TemplateApprovalCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Ref, PolicyDecision> check(SendBatch batch) {
        List<ClaimedMessage> messages = batch.messages();
        Instant now = batch.now();
        List<ClaimedMessage> templated = messages.stream().filter(m -> m.message().template() != null).toList();
        if (templated.isEmpty()) {
            return Map.of();
        }
        Map<Key, String[]> statuses = statuses(templated);
        Map<Ref, PolicyDecision> stopped = new HashMap<>();
        for (ClaimedMessage message : templated) {
            var template = message.message().template();
            String[] status = statuses.get(new Key(message.ref().tenantId(), template.name(), template.language()));
            if (status == null || MessageTemplate.sendable(status[0])) {
                continue;
            }
            String which = "Template '" + template.name() + "' (" + template.language() + ") is " + status[0]
                    + (status[1] == null ? "" : " (" + status[1] + ")");
            stopped.put(message.ref(), WAITING.contains(status[0])
                    ? PolicyDecision.defer(NOT_YET, which + "; the message waits until it is approved.",
                    now.plus(Duration.ofMinutes(RETRY_MINUTES)))
                    : PolicyDecision.suppress(NOT_APPROVED, which + ", so the message cannot be sent."));
        }
        return stopped;
    }

    private Map<Key, String[]> statuses(List<ClaimedMessage> templated) {
        List<Key> keys = templated.stream().map(m -> new Key(m.ref().tenantId(), m.message().template().name(),
                m.message().template().language())).distinct().toList();
        Map<Key, String[]> statuses = new HashMap<>();
        jdbc.sql("""
                        SELECT t.tenant_id, t.name, t.language, t.status, t.status_reason
                        FROM message_template t
                        JOIN unnest(:tenants::text[], :names::text[], :languages::text[]) AS k(tenant_id, name, language)
                          ON t.tenant_id = k.tenant_id AND t.name = k.name AND t.language = k.language
                        """)
                .param("tenants", new SqlArrayValue("text", keys.stream().map(Key::tenantId).toArray()))
                .param("names", new SqlArrayValue("text", keys.stream().map(Key::name).toArray()))
                .param("languages", new SqlArrayValue("text", keys.stream().map(Key::language).toArray()))
                .query((rs, n) -> statuses.put(new Key(rs.getString("tenant_id"), rs.getString("name"),
                        rs.getString("language")), new String[] {rs.getString("status"),
                        rs.getString("status_reason")}))
                .list();
        return statuses;
    }
}
