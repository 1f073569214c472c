package io.wahub.plugins.orders;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored order (table {@code customer_order}): what the store last said about it, and the lifecycle status the
 * feature keeps ({@link #STATUSES}). Amounts are minor units of {@link #currency}; null when the store sent none.
 *
 * @param lineItems the items as JSON: {@code [{"title", "variant", "quantity", "priceMinor"}]}
 */
record Order(UUID id, String source, String orderId, String number, String status, String vendorStatus,
             String financialStatus, String fulfillmentStatus, String paymentMethod, boolean cashOnDelivery,
             String currency, Long totalMinor, Long subtotalMinor, Long shippingMinor, Long taxMinor,
             Long refundedMinor, String phone, String firstName, String lastName, String email,
             String shippingSummary, String carrier, String trackingNumber, String trackingUrl, String lineItems,
             Instant createdAt, Instant updatedAt) {

    /** The lifecycle, in order; {@code cancelled} and {@code refunded} end it. */
    static final java.util.List<String> STATUSES = java.util.List.of("open", "paid", "shipped", "delivered",
            "cancelled", "refunded");

    static final String COLUMNS = "id, source, order_id, number, status, vendor_status, financial_status,"
            + " fulfillment_status, payment_method, cash_on_delivery, currency, total_minor, subtotal_minor,"
            + " shipping_minor, tax_minor, refunded_minor, phone, first_name, last_name, email, shipping_summary,"
            + " carrier, tracking_number, tracking_url, line_items, created_at, updated_at";

    static Order of(Map<String, Object> row) {
        return new Order((UUID) row.get("id"), (String) row.get("source"), (String) row.get("order_id"),
                (String) row.get("number"), (String) row.get("status"), (String) row.get("vendor_status"),
                (String) row.get("financial_status"), (String) row.get("fulfillment_status"),
                (String) row.get("payment_method"), Boolean.TRUE.equals(row.get("cash_on_delivery")),
                (String) row.get("currency"), minor(row, "total_minor"), minor(row, "subtotal_minor"),
                minor(row, "shipping_minor"), minor(row, "tax_minor"), minor(row, "refunded_minor"),
                (String) row.get("phone"), (String) row.get("first_name"), (String) row.get("last_name"),
                (String) row.get("email"), (String) row.get("shipping_summary"), (String) row.get("carrier"),
                (String) row.get("tracking_number"), (String) row.get("tracking_url"),
                String.valueOf(row.get("line_items")), (Instant) row.get("created_at"),
                (Instant) row.get("updated_at"));
    }

    /** An order known only by its customer's number (a payment refunded for an order the hub never stored). */
    static Order bare(String phone, String orderId) {
        return new Order(null, null, orderId, null, "refunded", null, null, null, null, false, null, null, null, null,
                null, null, phone, null, null, null, null, null, null, null, "[]", null, null);
    }

    /**
     * The status after {@code proposed} reached an order in status {@code current}: forward along open → paid →
     * shipped → delivered only (events arrive out of order), to cancelled from anything but refunded, and to
     * refunded from anything. A null proposal keeps the status ({@code open} for a new order).
     */
    static String next(String current, String proposed) {
        if (current == null) {
            return proposed == null ? "open" : proposed;
        }
        if (proposed == null || "refunded".equals(current)) {
            return current;
        }
        if ("refunded".equals(proposed)) {
            return proposed;
        }
        if ("cancelled".equals(current) || "cancelled".equals(proposed)) {
            return "cancelled";
        }
        return STATUSES.indexOf(proposed) > STATUSES.indexOf(current) ? proposed : current;
    }

    private static Long minor(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }
}
