package io.wahub.plugins.stripe;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a Stripe event's {@code data.object} (checkout session, payment intent, invoice or charge) to the canonical
 * payment payload documented on {@link EventTypes#PAYMENT_PAYLOAD}.
 */
final class StripeEvents {

    /** Stripe event types Wahub uses and their canonical type. */
    static final Map<String, String> TYPES = Map.of(
            "checkout.session.completed", EventTypes.PAYMENT_SUCCEEDED,
            "checkout.session.async_payment_succeeded", EventTypes.PAYMENT_SUCCEEDED,
            "checkout.session.async_payment_failed", EventTypes.PAYMENT_FAILED,
            "payment_intent.succeeded", EventTypes.PAYMENT_SUCCEEDED,
            "payment_intent.payment_failed", EventTypes.PAYMENT_FAILED,
            "invoice.paid", EventTypes.INVOICE_PAID,
            "invoice.payment_failed", EventTypes.PAYMENT_FAILED,
            "charge.refunded", EventTypes.PAYMENT_REFUNDED);

    /**
     * Stripe's zero-decimal currencies, whose amounts are whole units (stripe.com/docs/currencies#zero-decimal);
     * every other currency uses its ISO 4217 minor unit.
     */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StripeEvents() {
    }

    static ObjectNode normalise(String stripeType, JsonNode object, boolean livemode) {
        ObjectNode payload = NODES.objectNode();
        String kind = text(object.get("object"));
        putText(payload, "paymentId", object.get("id"));
        if (kind != null) {
            payload.put("object", kind);
        }
        String paymentIntent = "payment_intent".equals(kind) ? text(object.get("id")) : text(object.get("payment_intent"));
        if (paymentIntent != null) {
            payload.put("paymentIntentId", paymentIntent);
        }
        putFirst(payload, "invoiceId", "invoice".equals(kind) ? object.get("id") : object.get("invoice"));
        putFirst(payload, "orderId", object.path("metadata").get("order_id"), object.get("client_reference_id"));
        String currency = text(object.get("currency"));
        JsonNode amount = amountNode(stripeType, kind, object);
        if (currency != null) {
            payload.put("currency", currency.toUpperCase(Locale.ROOT));
        }
        if (amount != null && amount.canConvertToLong()) {
            payload.put("amountMinor", amount.asLong());
            if (currency != null) {
                payload.put("amount", decimal(amount.asLong(), currency).toPlainString());
            }
        }
        payload.set("customer", customer(kind, object));
        JsonNode failure = object.path("last_payment_error");
        putFirst(payload, "failureMessage", failure.get("message"), object.get("failure_message"));
        payload.put("livemode", livemode);
        ObjectNode metadata = metadata(object.path("metadata"));
        if (!metadata.isEmpty()) {
            payload.set("metadata", metadata);
        }
        return payload;
    }

    /** The object's metadata, its string values only (Stripe's metadata values are strings). */
    private static ObjectNode metadata(JsonNode metadata) {
        ObjectNode copy = NODES.objectNode();
        metadata.properties().forEach(field -> {
            if (field.getValue().isTextual() && !field.getValue().asText().isEmpty()) {
                copy.put(field.getKey(), field.getValue().asText());
            }
        });
        return copy;
    }

    private static JsonNode amountNode(String stripeType, String kind, JsonNode object) {
        if ("charge.refunded".equals(stripeType)) {
            return object.get("amount_refunded");
        }
        return switch (kind == null ? "" : kind) {
            case "checkout.session" -> object.get("amount_total");
            case "invoice" -> stripeType.equals("invoice.paid") ? object.get("amount_paid") : object.get("amount_due");
            case "payment_intent" -> object.path("amount_received").asLong(0) > 0
                    ? object.get("amount_received") : object.get("amount");
            default -> object.get("amount");
        };
    }

    private static ObjectNode customer(String kind, JsonNode object) {
        ObjectNode customer = NODES.objectNode();
        switch (kind == null ? "" : kind) {
            case "checkout.session" -> {
                JsonNode details = object.path("customer_details");
                putFirst(customer, "name", details.get("name"));
                putFirst(customer, "email", details.get("email"), object.get("customer_email"));
                putFirst(customer, "phone", details.get("phone"));
            }
            case "invoice" -> {
                putFirst(customer, "name", object.get("customer_name"));
                putFirst(customer, "email", object.get("customer_email"));
                putFirst(customer, "phone", object.get("customer_phone"));
            }
            case "charge" -> {
                JsonNode billing = object.path("billing_details");
                putFirst(customer, "name", billing.get("name"));
                putFirst(customer, "email", billing.get("email"), object.get("receipt_email"));
                putFirst(customer, "phone", billing.get("phone"));
            }
            default -> {
                putFirst(customer, "name", object.path("shipping").get("name"));
                putFirst(customer, "email", object.get("receipt_email"));
                putFirst(customer, "phone", object.path("shipping").get("phone"));
            }
        }
        return customer;
    }

    /** Minor units as a decimal in the currency's unit: 2999 EUR → 29.99, 500 JPY → 500. */
    static BigDecimal decimal(long minor, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        int digits;
        if (ZERO_DECIMAL.contains(code)) {
            digits = 0;
        } else {
            try {
                digits = Math.max(Currency.getInstance(code).getDefaultFractionDigits(), 0);
            } catch (IllegalArgumentException unknown) {
                digits = 2;
            }
        }
        return BigDecimal.valueOf(minor, digits);
    }

    private static void putFirst(ObjectNode target, String field, JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = text(node);
            if (value != null) {
                target.put(field, value);
                return;
            }
        }
    }

    private static void putText(ObjectNode target, String field, JsonNode node) {
        putFirst(target, field, node);
    }
}
