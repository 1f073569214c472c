package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.connector.WebhookRouteRepository;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import io.wahub.hub.webhooklog.WebhookLog;
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
 * the call. Webhook URLs are anonymous: until a call has proved where it comes from, every refusal is the same answer
 * ({@link #notVerified}), whatever the URL's tenant, connector or app, and only the log says why.
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
    private final WebhookLog webhookLog;

    public WebhookIntakeService(Tenants tenants, ExtensionRegistry extensions, HubContexts contexts,
                                InboxWriter inbox, WahubProperties properties, UsageMeter meter,
                                WebhookRouteRepository routes, WebhookLog webhookLog) {
        this.webhookLog = webhookLog;
        this.tenants = tenants;
        this.extensions = extensions;
        this.contexts = contexts;
        this.inbox = inbox;
        this.properties = properties;
        this.meter = meter;
        this.routes = routes;
    }

    /**
     * A tenant that does not exist is treated exactly like one whose connector is not set up: its connector runs
     * with no settings and refuses (or acknowledges an unsigned ping, as it would for any tenant), so the answer
     * cannot tell the two apart.
     */
    @Override
    public Receipt accept(InboundWebhook webhook) {
        boolean known = tenants.find(webhook.tenantId()).isPresent();
        try {
            Receipt receipt = accept(webhook, known);
            if (known && !receipt.storedEvents().isEmpty()) {
                return receipt;
            }
            if (known) {
                webhookLog.record(webhook.tenantId(), webhook.connectorId(),
                        "duplicate".equals(receipt.outcome()) ? WebhookLog.Outcome.DUPLICATE
                                : WebhookLog.Outcome.IGNORED,
                        receipt.status(), receipt.outcome(), receipt.note(), webhook.receivedAt());
            }
            return receipt;
        } catch (Refusal refusal) {
            if (known) {
                webhookLog.record(webhook.tenantId(), webhook.connectorId(), WebhookLog.Outcome.REFUSED,
                        refusal.status(), refusal.reason, refusal.why, webhook.receivedAt());
            }
            throw refusal;
        }
    }

    /**
     * A webhook refused before the intake could read it (its body over the limit): recorded for the tenant when it
     * exists.
     */
    @Override
    public void refusedUnread(String tenantId, String connectorId, io.wahub.sdk.api.ApiProblem problem) {
        if (tenantId != null && connectorId != null && tenants.find(tenantId).isPresent()) {
            webhookLog.record(tenantId, connectorId, WebhookLog.Outcome.REFUSED, problem.status(), problem.type(),
                    problem.detail(), java.time.Instant.now());
        }
    }

    private Receipt accept(InboundWebhook webhook, boolean known) {
        WebhookConnector connector = connector(webhook.connectorId(), false);
        WebhookOutcome outcome = verified(connector, false, known ? null : webhook.tenantId(),
                () -> connector.receive(webhook, contexts.forExtension(webhook.tenantId(), connector)));
        if (!known) {
            if (!outcome.events().isEmpty()) {
                LOG.error("{} emitted events for tenant '{}', which does not exist; refused", connector.id(),
                        loggable(webhook.tenantId()));
                throw new Refusal(notVerified(), "unknown-tenant", "No such tenant.");
            }
            return new Receipt(200, "ignored", outcome.note(), List.of());
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
        List<Ref> stored = store(outcome.events(), webhook.receivedAt());
        return stored.isEmpty()
                ? new Receipt(200, "duplicate", "already received", List.of())
                : new Receipt(202, "accepted", null, stored);
    }

    /** Like {@link #accept}, an unknown tenant is a tenant whose connector is not set up. */
    @Override
    public String handshake(InboundWebhook webhook) {
        boolean known = tenants.find(webhook.tenantId()).isPresent();
        WebhookConnector connector = connector(webhook.connectorId(), true);
        return verified(connector, true, known ? null : webhook.tenantId(),
                () -> connector.handshake(webhook, contexts.forExtension(webhook.tenantId(), connector)));
    }

    @Override
    public Receipt acceptForApp(InboundWebhook webhook, String app) {
        WebhookConnector connector = connector(webhook.connectorId(), false);
        AppConfig config = appConfig(connector, app, false);
        List<RoutedEvent> routed = verified(connector, false, null, () -> connector.receiveForApp(webhook, config));
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
        WebhookConnector connector = connector(webhook.connectorId(), true);
        AppConfig config = appConfig(connector, app, true);
        return verified(connector, true, null, () -> connector.appHandshake(webhook, config));
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

    private WebhookConnector connector(String id, boolean handshake) {
        return extensions.webhookConnector(id).orElseThrow(() -> {
            LOG.info("Refused a {} for connector '{}': no such connector is installed",
                    handshake ? "handshake" : "webhook", loggable(id));
            return handshake ? handshakeRefused() : new Refusal(notVerified(), "unknown-connector",
                    "No connector '" + id + "' is installed on this hub.");
        });
    }

    private AppConfig appConfig(WebhookConnector connector, String app, boolean handshake) {
        return properties.app(connector.id(), app).map(values -> new AppConfig(app, values)).orElseThrow(() -> {
            LOG.info("Refused a {} {} for app '{}': no such app is configured (wahub.apps.{}.<app>.*)",
                    connector.id(), handshake ? "handshake" : "webhook", loggable(app), connector.id());
            return handshake ? handshakeRefused() : notVerified();
        });
    }

    /**
     * Runs a connector call, turning its refusal into the matching problem. Every refusal made before the caller
     * proved where the call comes from (no settings, wrong signature, wrong verify token) is one and the same answer
     * ({@link #notVerified}, {@link #handshakeRefused}); the log says which it was.
     *
     * @param unknownTenant the tenant id from the URL when no such tenant exists, for the log; else {@code null}
     */
    private static <T> T verified(WebhookConnector connector, boolean handshake, String unknownTenant, Call<T> call) {
        try {
            return call.run();
        } catch (WebhookRejection rejection) {
            WebhookRejection.Reason reason = rejection.reason();
            LOG.info("Refused {} {}: {} ({})", connector.id(), handshake ? "handshake" : "webhook",
                    unknownTenant == null ? reason : "no tenant '" + loggable(unknownTenant) + "'",
                    loggable(rejection.getMessage()));
            boolean unproven = reason == WebhookRejection.Reason.BAD_SIGNATURE
                    || reason == WebhookRejection.Reason.NOT_CONFIGURED
                    || handshake && reason == WebhookRejection.Reason.FOREIGN_SOURCE;
            if (unproven) {
                throw handshake ? handshakeRefused() : new Refusal(notVerified(), reason.type(),
                        rejection.getMessage());
            }
            ProblemException answer = new ProblemException(reason.status(), reason.type(), title(reason),
                    rejection.getMessage());
            throw handshake ? answer : new Refusal(answer, reason.type(), rejection.getMessage());
        }
    }

    /**
     * The one answer to a webhook that could not be verified at its URL: wrong or missing signature, connector not
     * set up for the tenant, no such tenant, connector or app. An anonymous caller learns nothing about which
     * tenants exist or what they have set up.
     */
    static ProblemException notVerified() {
        return new ProblemException(401, WebhookRejection.Reason.BAD_SIGNATURE.type(), "Invalid signature",
                "The webhook could not be verified for this URL; nothing was stored.");
    }

    /**
     * A refusal as answered (the problem's public part only) plus the real reason, which only the tenant's admins
     * see, in the {@link WebhookLog}.
     */
    static final class Refusal extends ProblemException {
        final String reason;
        final String why;

        Refusal(ProblemException answer, String reason, String why) {
            super(answer.status(), answer.type(), answer.title(), answer.detail());
            this.reason = reason;
            this.why = why;
        }
    }

    /** {@link #notVerified} for a vendor's GET verification of a webhook URL. */
    static ProblemException handshakeRefused() {
        return new ProblemException(403, "handshake-refused", "Handshake refused",
                "The verification request could not be verified for this URL.");
    }

    /** Text from the request (URL segments, headers a connector quotes) as one harmless log line. */
    private static String loggable(String text) {
        if (text == null) {
            return "null";
        }
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
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
