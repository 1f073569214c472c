package io.wahub.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.Json;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookJson;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import java.time.Instant;
import org.pf4j.Extension;

/**
 * Verifies Stripe webhooks ({@link StripeSignature}: any matching {@code v1}, 5-minute replay window) and turns the
 * payment events into canonical {@code payment.*} and {@code invoice.paid} events keyed on Stripe's event id.
 */
@Extension
public class StripeConnector implements WebhookConnector {

    public static final String ID = "stripe";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Stripe";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return StripeSettings.class;
    }

    @Override
    public WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        StripeSettings settings = settingsOf(context);
        StripeSignature.verify(webhook.header(StripeSignature.HEADER), webhook.body(), settings.webhookSecret(),
                context.clock().instant());
        JsonNode event = parse(webhook.body());
        String eventId = Json.text(event.get("id"));
        String stripeType = Json.text(event.get("type"));
        JsonNode object = event.path("data").path("object");
        if (eventId == null || stripeType == null || !object.isObject()) {
            throw new WebhookRejection(Reason.MALFORMED, "body is not a Stripe event: id, type and data.object"
                    + " are required");
        }
        String type = StripeEvents.TYPES.get(stripeType);
        if (type == null) {
            return WebhookOutcome.ignored("event type " + stripeType + " is not used");
        }
        if (stripeType.equals("checkout.session.completed")
                && "unpaid".equals(Json.text(object.get("payment_status")))) {
            return WebhookOutcome.ignored("checkout session " + Json.text(object.get("id"))
                    + " is completed but unpaid; its async_payment_succeeded/failed event will follow");
        }
        Instant occurredAt = event.path("created").canConvertToLong()
                ? Instant.ofEpochSecond(event.get("created").asLong()) : webhook.receivedAt();
        return WebhookOutcome.accepted(new CanonicalEvent(context.tenantId(), type, ID, eventId, occurredAt,
                StripeEvents.normalise(stripeType, object, event.path("livemode").asBoolean(false))));
    }

    private static StripeSettings settingsOf(PluginContext context) throws WebhookRejection {
        if (!context.configured()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED,
                    "Stripe is not configured for tenant " + context.tenantId() + ": set webhookSecret");
        }
        StripeSettings settings = context.settings(StripeSettings.class);
        if (settings.webhookSecret() == null || settings.webhookSecret().isEmpty()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED,
                    "the webhookSecret setting is empty for tenant " + context.tenantId());
        }
        return settings;
    }

    private static JsonNode parse(byte[] body) throws WebhookRejection {
        return WebhookJson.parseObject(body, "body");
    }
}
