package io.wahub.plugins.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.FeatureStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tenant's orders, in the feature's own table ({@code db/feature/V1__orders.sql}) through {@link FeatureStore}:
 * every statement sees the current tenant's rows only, so none names its tenant but the insert ({@code :tenant_id}).
 */
final class Orders {

    /**
     * Stores what an order payload says, keeping what it leaves out, and moves the status on (see
     * {@link Order#next}); in one transaction, the row locked, so two events of one order never interleave.
     *
     * @param proposed the status the event stands for, or null (an edit)
     */
    Order save(FeatureStore store, String source, JsonNode payload, String proposed, Instant now) {
        String orderId = io.wahub.sdk.Json.text(payload.get("orderId"));
        Map<String, Object> params = new HashMap<>(OrderFields.of(payload));
        params.put("source", source);
        params.put("order_id", orderId);
        params.put("now", now);
        params.put("id", UUID.randomUUID());
        // what the payload leaves out keeps its value; the refunded total only grows (see #refunded)
        String set = OrderFields.COLUMNS.stream().map(c -> c + " = " + (c.equals("refunded_minor") ? "GREATEST"
                : "COALESCE") + "(EXCLUDED." + c + ", customer_order." + c + ")").collect(Collectors.joining(", "));
        return store.transaction(tx -> {
            String current = tx.query("SELECT status FROM customer_order WHERE source = :source AND order_id = :order_id"
                    + " FOR UPDATE", params).stream().map(row -> (String) row.get("status")).findFirst().orElse(null);
            params.put("status", Order.next(current, proposed));
            return Order.of(tx.query("INSERT INTO customer_order (tenant_id, id, source, order_id, status, "
                    + String.join(", ", OrderFields.COLUMNS) + ", created_at, updated_at) VALUES (:tenant_id, :id,"
                    + " :source, :order_id, :status, "
                    + OrderFields.COLUMNS.stream().map(c -> c.equals("line_items")
                            ? "COALESCE(CAST(:line_items AS jsonb), '[]'::jsonb)"
                            : c.equals("cash_on_delivery") ? "COALESCE(:cash_on_delivery, false)" : ":" + c)
                            .collect(Collectors.joining(", "))
                    + ", :now, :now) ON CONFLICT (tenant_id, source, order_id) DO UPDATE SET " + set
                    + ", status = EXCLUDED.status, updated_at = EXCLUDED.updated_at RETURNING " + Order.COLUMNS,
                    params).getFirst());
        });
    }

    /** The order with the store's id {@code orderId} (from any store of the tenant, the newest). */
    Optional<Order> byVendorId(FeatureStore store, String orderId) {
        return one(store.query("SELECT " + Order.COLUMNS + " FROM customer_order WHERE order_id = :order_id"
                + " ORDER BY created_at DESC LIMIT 1", Map.of("order_id", orderId)));
    }

    Optional<Order> find(FeatureStore store, UUID id) {
        return one(store.query("SELECT " + Order.COLUMNS + " FROM customer_order WHERE id = :id", Map.of("id", id)));
    }

    /**
     * Records a shipment (tracking given by the store) or its progress, moving the status on; fields left null keep
     * their value.
     */
    Order shipment(FeatureStore store, Order order, String proposed, String carrier, String number, String url,
                   Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", order.id());
        params.put("status", Order.next(order.status(), proposed));
        params.put("carrier", carrier);
        params.put("number", number);
        params.put("url", url);
        params.put("now", now);
        return Order.of(store.query("""
                UPDATE customer_order SET status = :status, carrier = COALESCE(:carrier, carrier),
                       tracking_number = COALESCE(:number, tracking_number), tracking_url = COALESCE(:url, tracking_url),
                       updated_at = :now
                WHERE id = :id RETURNING\s""" + Order.COLUMNS, params).getFirst());
    }

    /**
     * Records a refund the store announced under {@code refundKey} (a Shopify refund id; a Stripe charge id, whose
     * {@code amount_refunded} is the charge's refunded total so far, so the larger amount is kept): the order's
     * refunded amount becomes the larger of what the store's order reports and the sum of the refunds recorded.
     * Refunded in full, the order is {@code refunded}.
     */
    Order refunded(FeatureStore store, Order order, String refundKey, long minor, Instant now) {
        return store.transaction(tx -> {
            tx.update("""
                    INSERT INTO order_refund (tenant_id, order_uuid, refund_key, amount_minor)
                    VALUES (:tenant_id, :order, :key, :minor)
                    ON CONFLICT (tenant_id, order_uuid, refund_key)
                    DO UPDATE SET amount_minor = GREATEST(order_refund.amount_minor, EXCLUDED.amount_minor)""",
                    Map.of("order", order.id(), "key", refundKey, "minor", minor));
            long recorded = ((Number) tx.query("SELECT COALESCE(sum(amount_minor), 0) AS total FROM order_refund"
                    + " WHERE order_uuid = :order", Map.of("order", order.id())).getFirst().get("total")).longValue();
            long total = Math.max(recorded, order.refundedMinor() == null ? 0 : order.refundedMinor());
            boolean full = order.totalMinor() == null || total >= order.totalMinor();
            return Order.of(tx.query("UPDATE customer_order SET refunded_minor = :refunded, status = :status,"
                    + " updated_at = :now WHERE id = :id RETURNING " + Order.COLUMNS, Map.of("id", order.id(),
                    "refunded", total, "status", full ? Order.next(order.status(), "refunded") : order.status(),
                    "now", now)).getFirst());
        });
    }

    /**
     * Orders newest first, filtered; a page of at most {@code limit} after the cursor {@code before} (the last
     * order of the previous page).
     *
     * @param query matched against the number, phone, email and name (case-insensitive, in part)
     */
    List<Order> list(FeatureStore store, String query, String phone, String status, OrderCursor before, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("q", query == null ? null : "%" + query.replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%");
        params.put("phone", phone);
        params.put("status", status);
        params.put("before_at", before == null ? null : before.createdAt());
        params.put("before_id", before == null ? null : before.id());
        params.put("limit", limit);
        return store.query("SELECT " + Order.COLUMNS + """
                 FROM customer_order
                WHERE (CAST(:q AS text) IS NULL OR number ILIKE :q OR phone LIKE :q OR email ILIKE :q
                       OR concat_ws(' ', first_name, last_name) ILIKE :q)
                  AND (CAST(:phone AS text) IS NULL OR phone = :phone)
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:before_at AS timestamptz) IS NULL
                       OR (created_at, id) < (CAST(:before_at AS timestamptz), CAST(:before_id AS uuid)))
                ORDER BY created_at DESC, id DESC
                LIMIT :limit""", params).stream().map(Order::of).toList();
    }

    private static Optional<Order> one(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(Order::of);
    }
}
