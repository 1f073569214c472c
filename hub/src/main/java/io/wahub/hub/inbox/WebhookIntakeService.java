package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.connector.WebhookRouteRepository;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.ProblemException;
import io.wahub.routes.Ref;
import io.wahub.routes.WebhookIntake;
import io.wahub.sdk.AppConfig;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.RoutedEvent;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Webhook intake: tenant (or app) and connector from the URL, verification and normalisation by the connector
 * plugin, then the events stored (group-committed by {@link InboxWriter}). Nothing is stored when any step refuses
 * the call.
 */
@Service
public class WebhookIntakeService implements WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntakeService.class);

    /** A connector call that may refuse. */
    private interface Call<T> {
        T run() throws WebhookRejection;
    }

    private final Tenants tenants;
    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final InboxWriter inbox;
    private final WahubProperties properties;
    private final UsageMeter meter;
    private final WebhookRouteRepository routes;

    public WebhookIntakeService(Tenants tenants, ExtensionRegistry extensions, HubContexts contexts,
                                InboxWriter inbox, WahubProperties properties, UsageMeter meter,
                                WebhookRouteRepository routes) {
        this.tenants = tenants;
        this.extensions = extensions;
        this.contexts = contexts;
        this.inbox = inbox;
        this.properties = properties;
        this.meter = meter;
        this.routes = routes;
    }

    @Override
    public Receipt accept(InboundWebhook webhook) {
        tenants.require(webhook.tenantId());
        WebhookConnector connector = connector(webhook.connectorId());
        WebhookOutcome outcome = verified(connector, false,
                () -> connector.receive(webhook, contexts.forExtension(webhook.tenantId(), connector)));
        meter.record(webhook.tenantId(), UsageMeter.WEBHOOKS_RECEIVED, 1);
        if (outcome.events().isEmpty()) {
            return new Receipt(200, "ignored", outcome.note(), List.of());
        }
        for (CanonicalEvent event : outcome.events()) {
            if (!event.tenantId().equals(webhook.tenantId()) || !event.source().equals(connector.id())) {
                throw new IllegalStateException(connector.id() + " emitted an event for another tenant or source");
            }
        }
        List<Ref> stored = store(outcome.events(), webhook.receivedAt());
        return stored.isEmpty()
                ? new Receipt(200, "duplicate", "already received", List.of())
                : new Receipt(202, "accepted", null, stored);
    }

    @Override
    public String handshake(InboundWebhook webhook) {
        tenants.require(webhook.tenantId());
        WebhookConnector connector = connector(webhook.connectorId());
        return verified(connector, true,
                () -> connector.handshake(webhook, contexts.forExtension(webhook.tenantId(), connector)));
    }

    @Override
    public Receipt acceptForApp(InboundWebhook webhook, String app) {
        WebhookConnector connector = connector(webhook.connectorId());
        AppConfig config = appConfig(connector, app);
        List<RoutedEvent> routed = verified(connector, false, () -> connector.receiveForApp(webhook, config));
        List<CanonicalEvent> events = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (RoutedEvent event : routed) {
            var tenant = routes.tenantFor(connector.id(), event.routingKey());
            if (tenant.isEmpty()) {
                unknown.add(event.routingKey());
                continue;
            }
            meter.record(tenant.get(), UsageMeter.WEBHOOKS_RECEIVED, 1);
            events.add(event.forTenant(tenant.get(), connector.id()));
        }
        String note = null;
        if (!unknown.isEmpty()) {
            note = "no tenant for " + String.join(", ", unknown);
            LOG.warn("App {}/{} webhook: acknowledged and dropped events for unclaimed routing keys {}",
                    connector.id(), app, unknown);
        }
        if (events.isEmpty()) {
            return new Receipt(200, "ignored", note == null ? "no events" : note, List.of());
        }
        List<Ref> stored = store(events, webhook.receivedAt());
        return stored.isEmpty()
                ? new Receipt(200, "duplicate", note == null ? "already received" : note, List.of())
                : new Receipt(202, "accepted", note, stored);
    }

    @Override
    public String appHandshake(InboundWebhook webhook, String app) {
        WebhookConnector connector = connector(webhook.connectorId());
        AppConfig config = appConfig(connector, app);
        return verified(connector, true, () -> connector.appHandshake(webhook, config));
    }

    private List<Ref> store(List<CanonicalEvent> events, Instant receivedAt) {
        List<Ref> stored = new ArrayList<>();
        var ids = inbox.store(events, receivedAt, receivedAt.plus(properties.dispatch().grace()));
        for (int i = 0; i < events.size(); i++) {
            String tenantId = events.get(i).tenantId();
            ids.get(i).ifPresent(id -> stored.add(new Ref(tenantId, id)));
        }
        return stored;
    }

    private WebhookConnector connector(String id) {
        return extensions.webhookConnector(id)
                .orElseThrow(() -> new ProblemException(404, "connector-not-found", "Connector not found",
                        "No webhook connector with id '" + id + "' is installed."));
    }

    private AppConfig appConfig(WebhookConnector connector, String app) {
        return properties.app(connector.id(), app).map(values -> new AppConfig(app, values))
                .orElseThrow(() -> new ProblemException(404, "app-not-found", "App not found", "No app '" + app
                        + "' is configured for " + connector.id() + " (wahub.apps." + connector.id() + "." + app
                        + ".*)."));
    }

    /** Runs a connector call, turning its refusal into the matching problem (a handshake refusal is a 403). */
    private static <T> T verified(WebhookConnector connector, boolean handshake, Call<T> call) {
        try {
            return call.run();
        } catch (WebhookRejection rejection) {
            LOG.info("Refused {} {}: {} ({})", connector.id(), handshake ? "handshake" : "webhook",
                    rejection.reason(), rejection.getMessage());
            WebhookRejection.Reason reason = rejection.reason();
            boolean forbidden = handshake && (reason == WebhookRejection.Reason.FOREIGN_SOURCE
                    || reason == WebhookRejection.Reason.BAD_SIGNATURE);
            throw new ProblemException(forbidden ? 403 : reason.status(),
                    forbidden ? "handshake-refused" : reason.type(), title(reason), rejection.getMessage());
        }
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
