package io.wahub.hub.connector;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Routing of app-level webhooks ({@code wahub.routing.*}).
 *
 * @param proofHosts per connector id, the hosts whose answers count as a tenant's proof of control of a routing key
 *                   (for {@code whatsapp-cloud}: {@code graph.facebook.com}). A proof's calls reach only these hosts,
 *                   so a tenant cannot prove a key with a server of its own; a connector with none can prove nothing
 */
@ConfigurationProperties("wahub.routing")
public record RoutingProperties(Map<String, List<String>> proofHosts) {

    public RoutingProperties {
        proofHosts = proofHosts == null ? Map.of() : Map.copyOf(proofHosts);
    }

    List<String> proofHosts(String connectorId) {
        return proofHosts.getOrDefault(connectorId, List.of());
    }
}
