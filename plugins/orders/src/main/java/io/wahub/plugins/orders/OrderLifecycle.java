package io.wahub.plugins.orders;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.FeatureContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What each event does to the tenant's orders, and which message it sends: the order is stored first (so the API
 * shows it whatever the settings), then the message, if switched on and the order has a customer phone, goes as text
 * inside the customer-service window and as the utility template outside it. Idempotency keys make a redelivered
 * event or a retried run send nothing new, and tie together the events that announce one thing twice:
 * <ul>
 * <li>shipped: {@code orders:shipped:{orderId}:{trackingNumber|-}} — Shopify sends both {@code orders/fulfilled}
 * and {@code fulfillments/create} for one shipment (one message), a second parcel has a new tracking number;</li>
 * <li>delivered, cancelled: {@code orders:delivered:{orderId}}, {@code orders:cancelled:{orderId}};</li>
 * <li>refunded: per Shopify refund ({@code orders:refunded:refund:{refundId}}), per Stripe charge and refunded total
 * ({@code orders:refunded:payment:{chargeId}:{amountMinor}}: Stripe's {@code amount_refunded} is the charge's total
 * so far, the message says that total), or per order for a WooCommerce order in status refunded.</li>
 * </ul>
 */
final class OrderLifecycle {

    static final Map<String, String> ORDER_STATUS = Map.of(
            EventTypes.ORDER_CREATED, "open",
            EventTypes.ORDER_PAID, "paid",
            EventTypes.ORDER_FULFILLED, "shipped",
            EventTypes.ORDER_DELIVERED, "delivered",
            EventTypes.ORDER_CANCELLED, "cancelled",
            EventTypes.ORDER_REFUNDED, "refunded");

    private final Orders orders = new Orders();

    Orders orders() {
        return orders;
    }

    void handle(CanonicalEvent event, FeatureContext context) {
        OrdersSettings settings = context.configured() ? context.settings(OrdersSettings.class)
                : OrdersSettings.defaults();
        Instant now = context.clock().instant();
        JsonNode payload = event.payload();
        String orderId = text(payload.get("orderId"));
        switch (event.type()) {
            case EventTypes.FULFILLMENT_CREATED, EventTypes.FULFILLMENT_UPDATED -> {
                if (orderId == null) {
                    return;
                }
                boolean delivered = "delivered".equals(text(payload.get("shipmentStatus")));
                Optional<Order> stored = orders.byVendorId(context.store(), orderId);
                if (stored.isEmpty()) {
                    return; // an order the hub never saw (created before the feature was on): nothing to address
                }
                Order order = orders.shipment(context.store(), stored.get(), delivered ? "delivered" : "shipped",
                        text(payload.get("carrier")), text(payload.get("trackingNumber")),
                        text(payload.get("trackingUrl")), now);
                if (EventTypes.FULFILLMENT_CREATED.equals(event.type())) {
                    send(context, settings, Notice.of(Notice.Kind.SHIPPED, order), shippedKey(order));
                }
                if (delivered) {
                    send(context, settings, Notice.of(Notice.Kind.DELIVERED, order), "orders:delivered:" + orderId);
                }
            }
            case EventTypes.REFUND_CREATED -> orders.byVendorId(context.store(), orderId == null ? "" : orderId)
                    .ifPresent(order -> refund(context, settings, order, payload, "refund:"
                            + text(payload.get("refundId")), "orders:refunded:refund:" + text(payload.get("refundId")),
                            now));
            case EventTypes.PAYMENT_REFUNDED -> {
                Optional<Order> order = orderId == null ? Optional.empty()
                        : orders.byVendorId(context.store(), orderId);
                // amount_refunded is the charge's refunded total so far: each new total is one message
                String key = "orders:refunded:payment:" + text(payload.get("paymentId")) + ":"
                        + text(payload.get("amountMinor"));
                if (order.isPresent()) {
                    refund(context, settings, order.get(), payload, "payment:" + text(payload.get("paymentId")), key,
                            now);
                } else if (text(payload.path("customer").get("phone")) != null) {
                    Order bare = Order.bare(text(payload.path("customer").get("phone")), orderId);
                    send(context, settings, new Notice(Notice.Kind.REFUNDED, bare,
                            OrderFields.minor(payload.get("amount"), text(payload.get("currency"))),
                            text(payload.get("currency"))), key);
                }
            }
            default -> onOrder(event, context, settings, orderId, now);
        }
    }

    private void onOrder(CanonicalEvent event, FeatureContext context, OrdersSettings settings, String orderId,
                         Instant now) {
        if (orderId == null || !event.type().startsWith("order.")) {
            return;
        }
        Order order = orders.save(context.store(), event.source(), event.payload(), ORDER_STATUS.get(event.type()),
                now);
        switch (event.type()) {
            case EventTypes.ORDER_FULFILLED -> send(context, settings, Notice.of(Notice.Kind.SHIPPED, order),
                    shippedKey(order));
            case EventTypes.ORDER_DELIVERED -> send(context, settings, Notice.of(Notice.Kind.DELIVERED, order),
                    "orders:delivered:" + orderId);
            case EventTypes.ORDER_CANCELLED -> send(context, settings, Notice.of(Notice.Kind.CANCELLED, order),
                    "orders:cancelled:" + orderId);
            case EventTypes.ORDER_REFUNDED -> send(context, settings, Notice.of(Notice.Kind.REFUNDED, order),
                    "orders:refunded:order:" + orderId);
            default -> {
            }
        }
    }

    /** Records the refund under {@code refundKey} and announces it (idempotency key {@code key}). */
    private void refund(FeatureContext context, OrdersSettings settings, Order order, JsonNode payload,
                        String refundKey, String key, Instant now) {
        String currency = text(payload.get("currency"));
        Long minor = OrderFields.minor(payload.get("amount"), currency == null ? order.currency() : currency);
        Order updated = minor == null ? order : orders.refunded(context.store(), order, refundKey, minor, now);
        send(context, settings, new Notice(Notice.Kind.REFUNDED, updated, minor,
                currency == null ? order.currency() : currency), key);
    }

    private static String shippedKey(Order order) {
        return "orders:shipped:" + order.orderId() + ":" + (order.trackingNumber() == null ? "-"
                : order.trackingNumber());
    }

    private static void send(FeatureContext context, OrdersSettings settings, Notice notice, String key) {
        String phone = notice.order().phone();
        if (phone == null || !settings.on(notice.kind())) {
            return;
        }
        context.send(notice.message(context.contacts().windowOpen(phone), settings, key));
    }
}
