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
import io.wahub.hub.web.ProblemException;
import io.wahub.sdk.ChatModel;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.WebhookConnector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
     * @param routing    for a connector whose settings name an app-level routing key (a WhatsApp phone number id):
     *                   whether the tenant proved it and receives its webhooks; absent otherwise
     */
    public record ConnectorView(String id, String kind, String displayName, boolean configured, String webhookUrl,
                                ObjectNode settingsSchema, ObjectNode settings, RouteClaims.Routing routing) {
    }

    public record ConnectorChange(JsonNode settings) {
    }

    private final ExtensionRegistry extensions;
    private final ExtensionSettingsService settings;
    private final Tenants tenants;
    private final AuditLog audit;
    private final RouteClaims claims;

    public ConnectorController(ExtensionRegistry extensions, ExtensionSettingsService settings, Tenants tenants,
                               AuditLog audit, RouteClaims claims) {
        this.extensions = extensions;
        this.settings = settings;
        this.tenants = tenants;
        this.audit = audit;
        this.claims = claims;
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
     * Saves the settings. For a webhook connector with app-level routing, the settings' routing key (a WhatsApp
     * phone number id) is then claimed: proven through the vendor's API outside any transaction, and routed to the
     * tenant only if proven and held by nobody else. Settings are saved whatever the proof's outcome; the view's
     * {@code routing} says where the key stands ({@code unverified}: retry with
     * {@code POST …/routing-verification}). A key proven while another tenant holds it answers 409
     * {@code routing-key-disputed}: the settings are saved, the webhooks stay with the holder, and the operator
     * decides.
     */
    @PutMapping("/{connector}")
    @TenantScoped(Scope.TENANT_WRITE)
    public ConnectorView configure(@PathVariable String tenant, @PathVariable String connector,
                                   @RequestBody ConnectorChange change) {
        tenants.require(tenant);
        WahubExtension target = extensions.webhookConnector(connector).map(WahubExtension.class::cast)
                .or(() -> extensions.channel(connector))
                .or(() -> extensions.chatModel(connector))
                .orElseThrow(() -> notFound(connector));
        settings.save(tenant, target, change.settings());
        audit.record(tenant, "connector.configured", connector, AuditDetails.settingNames(change.settings()));
        if (target instanceof WebhookConnector webhook) {
            claims.claim(tenant, webhook).filter(RouteClaims.Routing::disputed).ifPresent(routing -> {
                throw disputed(webhook, routing);
            });
        }
        return view(tenant, target);
    }

    /** Proves again the routing key the saved settings name (after fixing a token, say); 409 when disputed. */
    @PostMapping("/{connector}/routing-verification")
    @TenantScoped(Scope.TENANT_WRITE)
    public ConnectorView verifyRouting(@PathVariable String tenant, @PathVariable String connector) {
        tenants.require(tenant);
        WebhookConnector webhook = extensions.webhookConnector(connector).orElseThrow(() -> notFound(connector));
        Optional<RouteClaims.Routing> routing = claims.claim(tenant, webhook);
        if (routing.isEmpty()) {
            throw new ProblemException(409, "no-routing-key", "No routing key", "The settings of " + connector
                    + " name no routing key to verify.");
        }
        if (routing.get().disputed()) {
            throw disputed(webhook, routing.get());
        }
        return view(tenant, webhook);
    }

    private static ProblemException disputed(WebhookConnector webhook, RouteClaims.Routing routing) {
        return new ProblemException(409, "routing-key-disputed", "Routing key disputed", "Another tenant receives "
                + webhook.id() + " webhooks for " + routing.key() + ". Your settings are saved and your proof is"
                + " recorded; the platform operator decides who receives them.",
                Map.of("routing", routing));
    }

    private static ProblemException notFound(String connector) {
        return new ProblemException(404, "connector-not-found", "Connector not found",
                "No connector with id '" + connector + "' is installed.");
    }

    private ConnectorView view(String tenant, WahubExtension connector) {
        boolean webhook = connector instanceof WebhookConnector;
        boolean channel = extensions.channel(connector.id()).isPresent();
        String kind = webhook && channel ? "webhook-and-channel" : webhook ? "webhook" : channel ? "channel"
                : connector instanceof ChatModel ? "chat-model" : "other";
        return new ConnectorView(connector.id(), kind, connector.displayName(),
                settings.configured(tenant, connector.id()),
                webhook ? "/webhooks/" + tenant + "/" + connector.id() : null,
                SettingsSchema.of(connector.settingsType()).json(), settings.view(tenant, connector),
                connector instanceof WebhookConnector w ? claims.current(tenant, w).orElse(null) : null);
    }
}
