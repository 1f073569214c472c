package io.wahub.plugins.shopify;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Verifies Shopify webhooks and turns the order topics into canonical {@code order.*} events, fulfillments into
 * {@code fulfillment.created} and started checkouts into {@code checkout.created}.
 *
 * <p>Checks, in order: the tenant has settings; {@code X-Shopify-Hmac-Sha256} is the base64 HMAC-SHA256 of the raw
 * body keyed with the app's client secret; {@code X-Shopify-Shop-Domain} is the tenant's shop; the topic is one
 * Wahub uses; the body is a JSON object with an id. Only then is the body parsed and normalised by
 * {@link ShopifyOrders}.
 *
 * <p>The event's {@code deliveryId}, on which the hub drops duplicates, is built from the signed body
 * ({@link #deliveryId}), never from {@code X-Shopify-Event-Id} or {@code X-Shopify-Webhook-Id}: those headers are not
 * covered by the signature, so a captured body replayed under a new event id would otherwise count as a new event.
 */
@Extension
public class ShopifyConnector implements WebhookConnector {

    public static final String ID = "shopify";

    static final String HMAC_HEADER = "X-Shopify-Hmac-Sha256";
    static final String SHOP_HEADER = "X-Shopify-Shop-Domain";
    static final String TOPIC_HEADER = "X-Shopify-Topic";
    static final String TRIGGERED_AT_HEADER = "X-Shopify-Triggered-At";

    /** Shopify topics Wahub turns into events; every other topic is acknowledged and ignored. */
    static final Map<String, String> TOPICS = Map.of(
            "orders/create", EventTypes.ORDER_CREATED,
            "orders/updated", EventTypes.ORDER_UPDATED,
            "orders/paid", EventTypes.ORDER_PAID,
            "orders/cancelled", EventTypes.ORDER_CANCELLED,
            "orders/fulfilled", EventTypes.ORDER_FULFILLED,
            "fulfillments/create", EventTypes.FULFILLMENT_CREATED,
            "fulfillments/update", EventTypes.FULFILLMENT_UPDATED,
            "refunds/create", EventTypes.REFUND_CREATED,
            "checkouts/create", EventTypes.CHECKOUT_CREATED);

    /** Topics a resource can have many of, one per change: told apart by the resource's {@code updated_at}. */
    static final Set<String> PER_CHANGE = Set.of("orders/updated", "fulfillments/update");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Shopify";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return ShopifySettings.class;
    }

    @Override
    public WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        ShopifySettings settings = settingsOf(context);
        verifySignature(webhook, settings);
        String shop = verifyShop(webhook, settings);

        String topic = webhook.header(TOPIC_HEADER);
        if (topic == null || topic.isBlank()) {
            throw new WebhookRejection(Reason.MALFORMED, TOPIC_HEADER + " header is missing");
        }
        String type = TOPICS.get(topic.strip());
        if (type == null) {
            return WebhookOutcome.ignored("topic " + topic.strip() + " is not used");
        }
        JsonNode resource = parseObject(webhook.body(), topic.strip());
        String deliveryId = deliveryId(topic.strip(), resource);
        ObjectNode payload = switch (type) {
            case EventTypes.FULFILLMENT_CREATED, EventTypes.FULFILLMENT_UPDATED ->
                    ShopifyFulfillments.normalise(resource, shop, settings.defaultCountry());
            case EventTypes.REFUND_CREATED -> ShopifyRefunds.normalise(resource, shop);
            case EventTypes.CHECKOUT_CREATED -> ShopifyCheckouts.normalise(resource, shop, settings.defaultCountry());
            default -> ShopifyOrders.normalise(resource, shop, settings.defaultCountry());
        };
        return WebhookOutcome.accepted(new CanonicalEvent(context.tenantId(), type, ID, deliveryId,
                occurredAt(webhook, resource), payload));
    }

    /** The topic of the test event: Shopify sends it when the shop's settings change; Wahub ignores it. */
    static final String SAMPLE_TOPIC = "shop/update";

    /** A {@value #SAMPLE_TOPIC} webhook signed with the tenant's secret: verified, then acknowledged and ignored. */
    @Override
    public java.util.Optional<io.wahub.sdk.SampleWebhook> sampleWebhook(PluginContext context) {
        if (!context.configured()) {
            return java.util.Optional.empty();
        }
        ShopifySettings settings = context.settings(ShopifySettings.class);
        if (settings.webhookSecret() == null || settings.webhookSecret().isEmpty() || settings.shopDomain() == null) {
            return java.util.Optional.empty();
        }
        byte[] body = ("{\"id\":1,\"name\":\"Wahub test event\",\"domain\":\"" + settings.shopDomain().strip()
                + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Optional.of(new io.wahub.sdk.SampleWebhook(Map.of(
                "Content-Type", "application/json",
                TOPIC_HEADER, SAMPLE_TOPIC,
                SHOP_HEADER, settings.shopDomain().strip(),
                HMAC_HEADER, Hmac.base64(Hmac.sha256(settings.webhookSecret(), body))), body));
    }

    private static ShopifySettings settingsOf(PluginContext context) throws WebhookRejection {
        if (!context.configured()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED,
                    "Shopify is not configured for tenant " + context.tenantId() + ": set webhookSecret and shopDomain");
        }
        ShopifySettings settings = context.settings(ShopifySettings.class);
        if (settings.webhookSecret() == null || settings.webhookSecret().isEmpty()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED,
                    "the webhookSecret setting is empty for tenant " + context.tenantId());
        }
        return settings;
    }

    private static void verifySignature(InboundWebhook webhook, ShopifySettings settings) throws WebhookRejection {
        String provided = webhook.header(HMAC_HEADER);
        if (provided == null || provided.isBlank()) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, HMAC_HEADER + " header is missing");
        }
        String expected = Hmac.base64(Hmac.sha256(settings.webhookSecret(), webhook.body()));
        if (!Hmac.matches(expected, provided)) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE,
                    HMAC_HEADER + " does not match the body signed with the webhookSecret setting");
        }
    }

    private static String verifyShop(InboundWebhook webhook, ShopifySettings settings) throws WebhookRejection {
        String shop = webhook.header(SHOP_HEADER);
        if (shop == null || shop.isBlank()) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, SHOP_HEADER + " header is missing");
        }
        shop = shop.strip().toLowerCase(Locale.ROOT);
        if (settings.shopDomain() == null || !shop.equalsIgnoreCase(settings.shopDomain().strip())) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, SHOP_HEADER + " " + shop
                    + " is not the shop in the shopDomain setting (" + settings.shopDomain() + ")");
        }
        return shop;
    }

    /**
     * The key the hub drops duplicates on, from what the signature covers: the topic and the resource's {@code id}
     * ({@code orders/create:820982911946154508}) — an order is created, paid, cancelled or fulfilled once, a
     * fulfillment or checkout created once — and for a topic in {@link #PER_CHANGE} also the resource's
     * {@code updated_at} ({@code orders/updated:820982911946154508@2026-05-24T08:11:12Z}), so each change is one event
     * and the same change delivered again is none.
     */
    static String deliveryId(String topic, JsonNode resource) throws WebhookRejection {
        String key = topic + ":" + Json.text(resource.get("id"));
        if (!PER_CHANGE.contains(topic)) {
            return key;
        }
        String updatedAt = Json.text(resource.get("updated_at"));
        try {
            if (updatedAt != null) {
                return key + "@" + OffsetDateTime.parse(updatedAt).toInstant();
            }
        } catch (DateTimeParseException unreadable) {
            // refused below
        }
        throw new WebhookRejection(Reason.MALFORMED, "body of " + topic + " has no readable updated_at");
    }

    /** The body; of an order, only the fields {@link ShopifyOrders#READ} names. */
    private static JsonNode parseObject(byte[] body, String topic) throws WebhookRejection {
        boolean order = topic.startsWith("orders/");
        JsonNode node = WebhookJson.parseObject(body, "body of " + topic, order ? ShopifyOrders.READ : null);
        if (Json.text(node.get("id")) == null) {
            throw new WebhookRejection(Reason.MALFORMED, "body of " + topic + " has no " + (order ? "order id" : "id"));
        }
        return node;
    }

    /** {@code X-Shopify-Triggered-At}, else the order's {@code updated_at}, {@code created_at}, else receipt time. */
    private static Instant occurredAt(InboundWebhook webhook, JsonNode order) {
        for (String candidate : new String[] {webhook.header(TRIGGERED_AT_HEADER),
                Json.text(order.get("updated_at")), Json.text(order.get("created_at"))}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return OffsetDateTime.parse(candidate.strip()).toInstant();
                } catch (DateTimeParseException ignored) {
                    // try the next candidate
                }
            }
        }
        return webhook.receivedAt();
    }
}
