package io.wahub.plugins.whatsappcloud;

import io.wahub.sdk.AppConfig;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.RoutedEvent;
import io.wahub.sdk.RoutingKeyProof;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Receives the Cloud API's webhooks: inbound messages become {@code message.received}, delivery statuses become
 * {@code message.status}, template status and quality changes {@code template.status}.
 *
 * <p>Two ways in. A tenant with its own Meta app uses {@code /webhooks/{tenant}/whatsapp-cloud}, verified with the
 * tenant's {@code appSecret} and {@code verifyToken}. A hub operator's app, whose one callback URL serves the
 * numbers of many tenants, uses {@code /webhooks/apps/whatsapp-cloud/{app}}: verified with the app's
 * {@code app-secret}/{@code verify-token} from the hub configuration, and each change routed to the tenant whose
 * {@code phoneNumberId} setting equals the change's {@code metadata.phone_number_id} and who proved it controls
 * that number ({@link #proveRoutingKey}: the Graph API confirms the number for the tenant's token).
 */
@Extension
public class WhatsAppCloudWebhook implements WebhookConnector {

    static final String APP_SECRET = "app-secret";
    static final String VERIFY_TOKEN = "verify-token";

    @Override
    public String id() {
        return WhatsAppCloudChannel.ID;
    }

    @Override
    public String displayName() {
        return "WhatsApp Cloud API";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return WhatsAppCloudSettings.class;
    }

    @Override
    public String handshake(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        String token = context.configured() ? context.settings(WhatsAppCloudSettings.class).verifyToken() : null;
        return CloudApiWebhooks.handshake(webhook, token, "verifyToken setting");
    }

    @Override
    public String appHandshake(InboundWebhook webhook, AppConfig app) throws WebhookRejection {
        return CloudApiWebhooks.handshake(webhook, app.get(VERIFY_TOKEN), "app's verify-token");
    }

    /**
     * Changes for other numbers of the same app are skipped; a notification with nothing for the tenant's number
     * is refused as foreign. Template changes (status, quality) are the tenant's: the URL is the tenant's own app.
     */
    @Override
    public WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        WhatsAppCloudSettings settings = settingsOf(context);
        CloudApiWebhooks.verifySignature(webhook, settings.appSecret());
        List<RoutedEvent> routed = CloudApiWebhooks.events(webhook.body(), webhook.receivedAt());
        List<CanonicalEvent> mine = routed.stream()
                .filter(event -> event.routingKey().equals(settings.phoneNumberId().strip())
                        || event.type().equals(EventTypes.TEMPLATE_STATUS))
                .map(event -> event.forTenant(context.tenantId(), id()))
                .toList();
        if (mine.isEmpty()) {
            if (routed.isEmpty()) {
                return WebhookOutcome.ignored("no messages or statuses in this notification");
            }
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, "no change is for phone_number_id "
                    + settings.phoneNumberId() + " (the phoneNumberId setting); got " + routed.getFirst().routingKey());
        }
        return new WebhookOutcome(mine, null);
    }

    @Override
    public List<RoutedEvent> receiveForApp(InboundWebhook webhook, AppConfig app) throws WebhookRejection {
        String secret = app.get(APP_SECRET);
        if (secret == null) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED, "app " + app.name() + " has no app-secret configured");
        }
        CloudApiWebhooks.verifySignature(webhook, secret);
        return CloudApiWebhooks.events(webhook.body(), webhook.receivedAt());
    }

    @Override
    public Optional<String> routingKey(PluginContext context) {
        if (!context.configured()) {
            return Optional.empty();
        }
        String id = context.settings(WhatsAppCloudSettings.class).phoneNumberId();
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.strip());
    }

    @Override
    public RoutingKeyProof proveRoutingKey(String routingKey, PluginContext context) {
        return CloudApiNumberProof.prove(routingKey, context);
    }

    private static WhatsAppCloudSettings settingsOf(PluginContext context) throws WebhookRejection {
        if (!context.configured()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED, "WhatsApp Cloud API is not configured for tenant "
                    + context.tenantId() + ": set phoneNumberId and appSecret");
        }
        WhatsAppCloudSettings settings = context.settings(WhatsAppCloudSettings.class);
        if (settings.appSecret() == null || settings.appSecret().isEmpty() || settings.phoneNumberId() == null) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED, "the appSecret and phoneNumberId settings must be set"
                    + " for tenant " + context.tenantId() + " to receive webhooks on its own URL");
        }
        return settings;
    }
}
