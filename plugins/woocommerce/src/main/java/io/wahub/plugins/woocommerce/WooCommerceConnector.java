package io.wahub.plugins.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookJson;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Verifies WooCommerce order webhooks and turns them into canonical {@code order.*} events.
 *
 * <p>WooCommerce never retries and gives every send a new delivery id, so events are keyed on the order itself:
 * {@code order.created} on the order id (an order is created once), {@code order.updated} on (order id,
 * {@code date_modified_gmt}), and the status events ({@code order.paid}, {@code order.fulfilled},
 * {@code order.cancelled}) on (order id, status), so an order is announced paid once however often it is edited
 * afterwards. {@link WooCommercePoller} gives the orders it finds the same keys.
 */
@Extension
public class WooCommerceConnector implements WebhookConnector {

    public static final String ID = "woocommerce";

    static final String SIGNATURE_HEADER = "X-WC-Webhook-Signature";
    static final String SOURCE_HEADER = "X-WC-Webhook-Source";
    static final String TOPIC_HEADER = "X-WC-Webhook-Topic";

    /** The form-encoded ping WooCommerce sends, unsigned, when a webhook is created or re-activated. */
    private static final Pattern PING = Pattern.compile("webhook_id=\\d+");

    static final Map<String, String> TOPICS = Map.of(
            "order.created", EventTypes.ORDER_CREATED,
            "order.updated", EventTypes.ORDER_UPDATED);

    /** WooCommerce order statuses that are a business transition features react to. */
    static final Map<String, String> STATUS_EVENTS = Map.of(
            "processing", EventTypes.ORDER_PAID,
            "completed", EventTypes.ORDER_FULFILLED,
            "cancelled", EventTypes.ORDER_CANCELLED,
            "refunded", EventTypes.ORDER_REFUNDED,
            "delivered", EventTypes.ORDER_DELIVERED);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "WooCommerce";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return WooCommerceSettings.class;
    }

    @Override
    public WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        if (isPing(webhook)) {
            return WebhookOutcome.ignored("ping " + webhook.bodyText().strip() + " acknowledged");
        }
        WooCommerceSettings settings = settingsOf(context);
        verifySignature(webhook, settings);
        String shop = verifySource(webhook, settings);
        String topic = webhook.header(TOPIC_HEADER);
        if (topic == null || topic.isBlank()) {
            throw new WebhookRejection(Reason.MALFORMED, TOPIC_HEADER + " header is missing");
        }
        topic = topic.strip();
        String type = TOPICS.get(topic);
        if (type == null) {
            return WebhookOutcome.ignored("topic " + topic + " is not used");
        }
        JsonNode order = parseOrder(webhook.body(), topic);
        return WebhookOutcome.accepted(events(order, type, shop, context, webhook.receivedAt())
                .toArray(CanonicalEvent[]::new));
    }

    /**
     * The events of one order snapshot: the topic's own event keyed on (id, modification time), plus the status
     * event when the order is in a status features react to, keyed on (id, status).
     */
    static List<CanonicalEvent> events(JsonNode order, String type, String shop, PluginContext context,
                                       Instant receivedAt) throws WebhookRejection {
        WooCommerceSettings settings = context.settings(WooCommerceSettings.class);
        String orderId = Json.text(order.get("id"));
        Instant modified = WooOrders.modifiedAt(order).orElseThrow(() -> new WebhookRejection(Reason.MALFORMED,
                "order " + orderId + " has no readable date_modified_gmt"));
        ObjectNode payload = WooOrders.normalise(order, shop, settings.defaultCountry());
        List<CanonicalEvent> events = new ArrayList<>();
        String key = type.equals(EventTypes.ORDER_CREATED) ? "order-" + orderId + ":created"
                : "order-" + orderId + "@" + modified;
        events.add(new CanonicalEvent(context.tenantId(), type, ID, key, modified, payload));
        String status = Json.text(order.get("status"));
        String statusType = status == null ? null : STATUS_EVENTS.get(status);
        if (statusType != null) {
            events.add(new CanonicalEvent(context.tenantId(), statusType, ID, "order-" + orderId + ":" + status,
                    modified, payload));
        }
        return events;
    }

    private static boolean isPing(InboundWebhook webhook) {
        return webhook.header(SIGNATURE_HEADER) == null && webhook.body().length < 40
                && PING.matcher(webhook.bodyText().strip()).matches();
    }

    private static WooCommerceSettings settingsOf(PluginContext context) throws WebhookRejection {
        if (!context.configured()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED, "WooCommerce is not configured for tenant "
                    + context.tenantId() + ": set webhookSecret and storeUrl");
        }
        WooCommerceSettings settings = context.settings(WooCommerceSettings.class);
        if (settings.webhookSecret() == null || settings.webhookSecret().isEmpty()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED,
                    "the webhookSecret setting is empty for tenant " + context.tenantId());
        }
        return settings;
    }

    private static void verifySignature(InboundWebhook webhook, WooCommerceSettings settings)
            throws WebhookRejection {
        String provided = webhook.header(SIGNATURE_HEADER);
        if (provided == null || provided.isBlank()) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, SIGNATURE_HEADER + " header is missing");
        }
        String expected = Hmac.base64(Hmac.sha256(settings.webhookSecret(), webhook.body()));
        if (!Hmac.matches(expected, provided)) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE,
                    SIGNATURE_HEADER + " does not match the body signed with the webhookSecret setting");
        }
    }

    /** The source must be the configured store: same host (any case) and path, ignoring a trailing slash. */
    private static String verifySource(InboundWebhook webhook, WooCommerceSettings settings)
            throws WebhookRejection {
        String source = webhook.header(SOURCE_HEADER);
        if (source == null || source.isBlank()) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, SOURCE_HEADER + " header is missing");
        }
        String given = site(source);
        if (given == null || settings.storeUrl() == null || !given.equals(site(settings.storeUrl()))) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, SOURCE_HEADER + " " + source.strip()
                    + " is not the store in the storeUrl setting (" + settings.storeUrl() + ")");
        }
        return URI.create(source.strip()).getHost().toLowerCase(Locale.ROOT);
    }

    /** host + path of a site URL, lower-cased host, without trailing slash; {@code null} if not a URL. */
    private static String site(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return null;
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static JsonNode parseOrder(byte[] body, String topic) throws WebhookRejection {
        JsonNode node = WebhookJson.parseObject(body, "body of " + topic);
        if (Json.text(node.get("id")) == null) {
            throw new WebhookRejection(Reason.MALFORMED, "body of " + topic + " has no order id");
        }
        return node;
    }
}
