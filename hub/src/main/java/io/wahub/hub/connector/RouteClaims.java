package io.wahub.hub.connector;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.connector.RouteClaimRepository.Claim;
import io.wahub.hub.outbound.OutboundClient;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.RoutingKeyProof;
import io.wahub.sdk.WebhookConnector;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims of app-level routing keys: a tenant's settings name a key, the connector proves the tenant controls it
 * ({@link WebhookConnector#proveRoutingKey}, its calls restricted to the operator's proof hosts), and only then is
 * the key routed to the tenant. A proven claim on a key another tenant holds is recorded as a dispute and changes
 * nothing: traffic is never diverted from the holder without the operator's decision.
 *
 * <p>The proof is a network call, so it runs outside any transaction; what it decided is written in a short one.
 */
@Service
public class RouteClaims {

    private static final Logger LOG = LoggerFactory.getLogger(RouteClaims.class);

    /**
     * Where a tenant's key stands.
     *
     * @param key    the routing key the settings give
     * @param status {@code verified}, {@code legacy}, {@code unverified} or {@code disputed} (see the V27 migration)
     * @param detail what was proven or why not, fit to show the tenant's admin
     */
    public record Routing(String key, String status, String detail) {

        public boolean disputed() {
            return status.equals("disputed");
        }
    }

    private final WebhookRouteRepository routes;
    private final RouteClaimRepository claims;
    private final HubContexts contexts;
    private final OutboundClient outbound;
    private final RoutingProperties properties;
    private final TransactionTemplate transactions;
    private final AuditLog audit;

    public RouteClaims(WebhookRouteRepository routes, RouteClaimRepository claims, HubContexts contexts,
                       OutboundClient outbound, RoutingProperties properties, TransactionTemplate transactions,
                       AuditLog audit) {
        this.routes = routes;
        this.claims = claims;
        this.contexts = contexts;
        this.outbound = outbound;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Brings the tenant's routing in line with its saved settings: keys they no longer name are released; the key
     * they name is proven, unless the tenant holds it already, and routed to the tenant if nobody else holds it.
     * Must not be called inside a transaction.
     *
     * @return the key's standing, or empty when the settings name no key
     */
    public Optional<Routing> claim(String tenantId, WebhookConnector connector) {
        PluginContext context = contexts.forExtension(tenantId, connector);
        Optional<String> wanted = connector.routingKey(context);
        String id = connector.id();
        transactions.executeWithoutResult(status -> {
            routes.releaseOthers(tenantId, id, wanted.orElse(null));
            claims.dropOthers(tenantId, id, wanted.orElse(null));
        });
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String key = wanted.get();
        Optional<Claim> held = claims.find(tenantId, id, key).filter(claim -> tenantId.equals(claim.holder()));
        if (held.isPresent()) {
            return Optional.of(new Routing(key, held.get().status(), held.get().detail()));
        }
        RoutingKeyProof proof = connector.proveRoutingKey(key, new ProofContext(context, outbound.restrictedTo(
                tenantId, id, properties.proofHosts(id), "proving " + id + " routing keys (wahub.routing.proof-hosts."
                        + id + ")")));
        return Optional.of(transactions.execute(status -> record(tenantId, id, key, proof)));
    }

    /** The tenant's standing for the key its settings name, without proving anything. */
    public Optional<Routing> current(String tenantId, WebhookConnector connector) {
        return connector.routingKey(contexts.forExtension(tenantId, connector))
                .flatMap(key -> claims.find(tenantId, connector.id(), key)
                        .map(claim -> new Routing(key, claim.status(), claim.detail())));
    }

    private Routing record(String tenantId, String connectorId, String key, RoutingKeyProof proof) {
        if (!proof.proven()) {
            claims.save(tenantId, connectorId, key, "unverified", proof.detail());
            LOG.info("Tenant {} did not prove {} routing key {}: {}", tenantId, connectorId, key, proof.detail());
            return new Routing(key, "unverified", proof.detail());
        }
        String holder = routes.takeIfFree(tenantId, connectorId, key);
        if (holder.equals(tenantId)) {
            claims.save(tenantId, connectorId, key, "verified", proof.detail());
            audit.record(tenantId, "webhook-route.claimed", connectorId + ":" + key, Map.of("proof", proof.detail()));
            return new Routing(key, "verified", proof.detail());
        }
        String detail = "proven, but another tenant holds this key; the operator decides who receives its webhooks";
        claims.save(tenantId, connectorId, key, "disputed", detail);
        audit.record(tenantId, "webhook-route.disputed", connectorId + ":" + key, Map.of("proof", proof.detail()));
        audit.record(holder, "webhook-route.disputed", connectorId + ":" + key, Map.of("claimant", tenantId));
        LOG.warn("Tenant {} proved {} routing key {} held by tenant {}: dispute recorded for the operator", tenantId,
                connectorId, key, holder);
        return new Routing(key, "disputed", detail);
    }
}
