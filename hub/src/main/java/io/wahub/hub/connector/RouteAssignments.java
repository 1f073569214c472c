package io.wahub.hub.connector;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.connector.RouteClaimRepository.Claim;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's decisions on routing keys: give a key to a tenant (whatever its claim's status, or without one),
 * or release it. Every other claim of the key is marked {@code overruled}; each tenant affected gets an audit entry.
 */
@Service
public class RouteAssignments {

    private final WebhookRouteRepository routes;
    private final RouteClaimRepository claims;
    private final AuditLog audit;

    public RouteAssignments(WebhookRouteRepository routes, RouteClaimRepository claims, AuditLog audit) {
        this.routes = routes;
        this.claims = claims;
        this.audit = audit;
    }

    /** Routes the key to {@code tenantId}. */
    @Transactional
    public void assign(String connectorId, String routingKey, String tenantId) {
        Optional<String> previous = routes.tenantFor(connectorId, routingKey);
        routes.assign(tenantId, connectorId, routingKey);
        for (Claim claim : claims.ofKey(connectorId, routingKey)) {
            if (!claim.tenantId().equals(tenantId)) {
                claims.save(claim.tenantId(), connectorId, routingKey, "overruled",
                        "the operator assigned this key to another tenant");
            }
        }
        claims.save(tenantId, connectorId, routingKey, "verified", "assigned by the operator");
        String target = connectorId + ":" + routingKey;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tenant", tenantId);
        previous.ifPresent(holder -> detail.put("previousTenant", holder));
        audit.record(tenantId, "webhook-route.assigned", target, detail);
        previous.filter(holder -> !holder.equals(tenantId)).ifPresent(holder ->
                audit.record(holder, "webhook-route.revoked", target, detail));
    }

    /** Routes the key to nobody; its holder's claim is overruled. */
    @Transactional
    public void release(String connectorId, String routingKey) {
        Optional<String> previous = routes.tenantFor(connectorId, routingKey);
        routes.release(connectorId, routingKey);
        previous.ifPresent(holder -> {
            claims.save(holder, connectorId, routingKey, "overruled", "the operator released this key");
            audit.record(holder, "webhook-route.revoked", connectorId + ":" + routingKey, Map.of());
        });
    }
}
