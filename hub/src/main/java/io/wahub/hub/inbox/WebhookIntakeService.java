package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.ProblemException;
import io.wahub.routes.Ref;
import io.wahub.routes.WebhookIntake;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Webhook intake: tenant and connector from the URL, verification and normalisation by the connector plugin, then
 * the events stored (group-committed by {@link InboxWriter}). Nothing is stored when any step refuses the call.
 */
@Service
public class WebhookIntakeService implements WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntakeService.class);

    private final Tenants tenants;
    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final InboxWriter inbox;
    private final WahubProperties properties;
    private final UsageMeter meter;

    public WebhookIntakeService(Tenants tenants, ExtensionRegistry extensions, HubContexts contexts,
                                InboxWriter inbox, WahubProperties properties, UsageMeter meter) {
        this.tenants = tenants;
        this.extensions = extensions;
        this.contexts = contexts;
        this.inbox = inbox;
        this.properties = properties;
        this.meter = meter;
    }

    @Override
    public Receipt accept(InboundWebhook webhook) {
        tenants.require(webhook.tenantId());
        WebhookConnector connector = extensions.webhookConnector(webhook.connectorId())
                .orElseThrow(() -> new ProblemException(404, "connector-not-found", "Connector not found",
                        "No webhook connector with id '" + webhook.connectorId() + "' is installed."));
        WebhookOutcome outcome;
        try {
            outcome = connector.receive(webhook, contexts.forExtension(webhook.tenantId(), connector));
        } catch (WebhookRejection rejection) {
            LOG.info("Refused {} webhook for tenant {}: {} ({})", connector.id(), webhook.tenantId(),
                    rejection.reason(), rejection.getMessage());
            throw new ProblemException(rejection.reason().status(), rejection.reason().type(),
                    title(rejection.reason()), rejection.getMessage());
        }
        meter.record(webhook.tenantId(), UsageMeter.WEBHOOKS_RECEIVED, 1);
        if (outcome.events().isEmpty()) {
            return new Receipt(200, "ignored", outcome.note(), List.of());
        }
        for (CanonicalEvent event : outcome.events()) {
            if (!event.tenantId().equals(webhook.tenantId()) || !event.source().equals(connector.id())) {
                throw new IllegalStateException(connector.id() + " emitted an event for another tenant or source");
            }
        }
        List<Ref> stored = new ArrayList<>();
        var dueAt = webhook.receivedAt().plus(properties.dispatch().grace());
        inbox.store(outcome.events(), webhook.receivedAt(), dueAt)
                .forEach(id -> id.ifPresent(value -> stored.add(new Ref(webhook.tenantId(), value))));
        return stored.isEmpty()
                ? new Receipt(200, "duplicate", "already received", List.of())
                : new Receipt(202, "accepted", null, stored);
    }

    private static String title(WebhookRejection.Reason reason) {
        return switch (reason) {
            case BAD_SIGNATURE -> "Invalid signature";
            case REPLAYED -> "Replayed webhook";
            case FOREIGN_SOURCE -> "Webhook from a foreign source";
            case MALFORMED -> "Malformed webhook";
            case NOT_CONFIGURED -> "Connector not configured";
            case UNSUPPORTED -> "Unsupported webhook";
        };
    }
}
