package io.wahub.hub.connector;

import io.wahub.hub.connector.RouteClaimRepository.Claim;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.security.Actors;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform operator's view of app-level routing keys: every tenant's claim with its status and the tenant the
 * key is routed to, and the operator's decision on a dispute. Operator only (403 {@code operator-only} for anyone
 * else, tenant admins and their API keys included); decisions are audited on each tenant they affect.
 */
@RestController
@RequestMapping("/api/v1/operator/webhook-routes")
public class OperatorRouteController {

    private static final Set<String> STATUSES = Set.of("unverified", "verified", "disputed", "overruled", "legacy");

    /** Whom the operator routes a key to. */
    public record Assignment(@NotBlank String tenant) {
    }

    private final RouteClaimRepository claims;
    private final RouteAssignments assignments;
    private final Tenants tenants;
    private final ExtensionRegistry extensions;

    public OperatorRouteController(RouteClaimRepository claims, RouteAssignments assignments, Tenants tenants,
                                   ExtensionRegistry extensions) {
        this.claims = claims;
        this.assignments = assignments;
        this.tenants = tenants;
        this.extensions = extensions;
    }

    /** Claims, newest first; {@code status} filters (for example {@code disputed}). */
    @GetMapping
    public List<Claim> list(@RequestParam Optional<String> status,
                            @RequestParam(defaultValue = "200") int limit) {
        Actors.requireOperator();
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw new ProblemException(400, "invalid-status", "Invalid status", "status must be one of "
                    + STATUSES.stream().sorted().toList());
        }
        return claims.list(status, Math.clamp(limit, 1, 1000));
    }

    /** Routes the key to the tenant, ending any dispute over it. */
    @PutMapping("/{connector}/{routingKey}")
    public List<Claim> assign(@PathVariable String connector, @PathVariable String routingKey,
                              @Valid @RequestBody Assignment assignment) {
        Actors.requireOperator();
        requireConnector(connector);
        tenants.require(assignment.tenant());
        assignments.assign(connector, routingKey, assignment.tenant());
        return claims.ofKey(connector, routingKey);
    }

    /** Routes the key to nobody. */
    @DeleteMapping("/{connector}/{routingKey}")
    public ResponseEntity<Void> release(@PathVariable String connector, @PathVariable String routingKey) {
        Actors.requireOperator();
        requireConnector(connector);
        assignments.release(connector, routingKey);
        return ResponseEntity.noContent().build();
    }

    private void requireConnector(String connector) {
        if (extensions.webhookConnector(connector).isEmpty()) {
            throw new ProblemException(404, "connector-not-found", "Connector not found",
                    "No webhook connector with id '" + connector + "' is installed.");
        }
    }
}
