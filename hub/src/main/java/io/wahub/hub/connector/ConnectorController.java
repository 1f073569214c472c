package io.wahub.hub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.audit.AuditDetails;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.settings.ExtensionSettingsService;
import io.wahub.hub.settings.SettingsSchema;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.ProblemException;
import io.wahub.sdk.ChatModel;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.WebhookConnector;
import io.wahub.hub.plugin.HubContexts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Connectors (webhook sources and channels) and a tenant's credentials for them. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/connectors")
public class ConnectorController {

    /**
     * A connector as the panel shows it; secrets masked.
     *
     * @param kind       {@code webhook}, {@code channel}, or {@code webhook-and-channel} when one plugin provides
     *                   both under the same id (WhatsApp Cloud: inbound webhooks and sending), or
     *                   {@code chat-model} for an LLM connector
     * @param webhookUrl the path vendors post to, for webhook connectors
     */
    public record ConnectorView(String id, String kind, String displayName, boolean configured, String webhookUrl,
                                ObjectNode settingsSchema, ObjectNode settings) {
    }

    public record ConnectorChange(JsonNode settings) {
    }

    private final ExtensionRegistry extensions;
    private final ExtensionSettingsService settings;
    private final Tenants tenants;
    private final AuditLog audit;
    private final WebhookRouteRepository routes;
    private final HubContexts contexts;

    public ConnectorController(ExtensionRegistry extensions, ExtensionSettingsService settings, Tenants tenants,
                               AuditLog audit, WebhookRouteRepository routes, HubContexts contexts) {
        this.extensions = extensions;
        this.settings = settings;
        this.tenants = tenants;
        this.audit = audit;
        this.routes = routes;
        this.contexts = contexts;
    }

    @GetMapping
    @TenantScoped(Scope.TENANT_READ)
    public List<ConnectorView> list(@PathVariable String tenant) {
        tenants.require(tenant);
        List<ConnectorView> views = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        extensions.webhookConnectors().forEach(c -> {
            views.add(view(tenant, c));
            listed.add(c.id());
        });
        extensions.channels().stream().filter(c -> !listed.contains(c.id())).forEach(c -> views.add(view(tenant, c)));
        extensions.chatModels().forEach(c -> views.add(view(tenant, c)));
        return views;
    }

    /**
     * Saves the settings; for a webhook connector with app-level routing, also claims the routing key the settings
     * give (409 when another tenant has it), in the same transaction.
     */
    @PutMapping("/{connector}")
    @TenantScoped(Scope.TENANT_WRITE)
    @Transactional
    public ConnectorView configure(@PathVariable String tenant, @PathVariable String connector,
                                   @RequestBody ConnectorChange change) {
        tenants.require(tenant);
        WahubExtension target = extensions.webhookConnector(connector).map(WahubExtension.class::cast)
                .or(() -> extensions.channel(connector))
                .or(() -> extensions.chatModel(connector))
                .orElseThrow(() -> new ProblemException(404, "connector-not-found", "Connector not found",
                        "No connector with id '" + connector + "' is installed."));
        settings.save(tenant, target, change.settings());
        if (target instanceof WebhookConnector webhook) {
            var key = webhook.routingKey(contexts.forExtension(tenant, webhook));
            if (!routes.claim(tenant, webhook.id(), key)) {
                throw new ProblemException(409, "routing-key-taken", "Routing key taken", "Another tenant already"
                        + " receives " + webhook.id() + " webhooks for " + key.orElseThrow() + ".");
            }
        }
        audit.record(tenant, "connector.configured", connector, AuditDetails.settingNames(change.settings()));
        return view(tenant, target);
    }

    private ConnectorView view(String tenant, WahubExtension connector) {
        boolean webhook = connector instanceof WebhookConnector;
        boolean channel = extensions.channel(connector.id()).isPresent();
        String kind = webhook && channel ? "webhook-and-channel" : webhook ? "webhook" : channel ? "channel"
                : connector instanceof ChatModel ? "chat-model" : "other";
        return new ConnectorView(connector.id(), kind, connector.displayName(),
                settings.configured(tenant, connector.id()),
                webhook ? "/webhooks/" + tenant + "/" + connector.id() : null,
                SettingsSchema.of(connector.settingsType()).json(), settings.view(tenant, connector));
    }
}
