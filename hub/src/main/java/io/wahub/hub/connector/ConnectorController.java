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
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.WebhookConnector;
import java.util.ArrayList;
import java.util.List;
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
     * @param kind       {@code webhook} or {@code channel}
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

    public ConnectorController(ExtensionRegistry extensions, ExtensionSettingsService settings, Tenants tenants,
                               AuditLog audit) {
        this.extensions = extensions;
        this.settings = settings;
        this.tenants = tenants;
        this.audit = audit;
    }

    @GetMapping
    @TenantScoped(Scope.TENANT_READ)
    public List<ConnectorView> list(@PathVariable String tenant) {
        tenants.require(tenant);
        List<ConnectorView> views = new ArrayList<>();
        extensions.webhookConnectors().forEach(c -> views.add(view(tenant, c)));
        extensions.channels().forEach(c -> views.add(view(tenant, c)));
        return views;
    }

    @PutMapping("/{connector}")
    @TenantScoped(Scope.TENANT_WRITE)
    @org.springframework.transaction.annotation.Transactional
    public ConnectorView configure(@PathVariable String tenant, @PathVariable String connector,
                                   @RequestBody ConnectorChange change) {
        tenants.require(tenant);
        WahubExtension target = extensions.webhookConnector(connector).map(WahubExtension.class::cast)
                .or(() -> extensions.channel(connector))
                .orElseThrow(() -> new ProblemException(404, "connector-not-found", "Connector not found",
                        "No connector with id '" + connector + "' is installed."));
        settings.save(tenant, target, change.settings());
        audit.record(tenant, "connector.configured", connector, AuditDetails.settingNames(change.settings()));
        return view(tenant, target);
    }

    private ConnectorView view(String tenant, WahubExtension connector) {
        boolean webhook = connector instanceof WebhookConnector;
        String kind = webhook ? "webhook" : connector instanceof ChannelConnector ? "channel" : "other";
        return new ConnectorView(connector.id(), kind, connector.displayName(),
                settings.configured(tenant, connector.id()),
                webhook ? "/webhooks/" + tenant + "/" + connector.id() : null,
                SettingsSchema.of(connector.settingsType()).json(), settings.view(tenant, connector));
    }
}
