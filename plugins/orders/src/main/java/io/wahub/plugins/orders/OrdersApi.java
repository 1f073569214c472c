package io.wahub.plugins.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Json;
import io.wahub.sdk.Money;
import io.wahub.sdk.PhoneNumbers;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The orders operations, mounted by the hub under {@code /api/v1/tenants/{tenant}/features/orders}: list and search
 * (newest first, keyset pages), and read one. Bad query parameters answer 422 {@code invalid-request} with errors by
 * parameter. The plugin's README lists every answer.
 */
final class OrdersApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final ObjectMapper JSON = Json.newMapper();

    private final Orders orders;

    OrdersApi(Orders orders) {
        this.orders = orders;
    }

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.get("/orders", "Lists orders, newest first; q searches number, phone, email and name;"
                        + " phone and status filter; limit and before (a cursor) page", this::list),
                ApiOperation.get("/orders/{id}", "Reads one order with its line items", this::read));
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        Map<String, String> errors = new TreeMap<>();
        String status = blankToNull(request.query("status"));
        if (status != null && !Order.STATUSES.contains(status)) {
            errors.put("status", "one of " + String.join(", ", Order.STATUSES));
        }
        String phone = blankToNull(request.query("phone"));
        if (phone != null) {
            phone = phone.startsWith("+") ? phone : "+" + phone; // an unencoded + arrives as a space, stripped
            if (!PhoneNumbers.isE164(phone)) {
                errors.put("phone", "a number in E.164 format, for example +4915112345678");
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = blankToNull(request.query("limit"));
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.put("limit", "a whole number from 1 to " + MAX_LIMIT);
            }
        }
        String beforeText = blankToNull(request.query("before"));
        OrderCursor before = beforeText == null ? null : OrderCursor.decode(beforeText).orElse(null);
        if (beforeText != null && before == null) {
            errors.put("before", "a cursor from a previous page's nextCursor");
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String locale = settings(context).locale();
        ArrayNode page = JSON.createArrayNode();
        List<Order> found = orders.list(context.store(), blankToNull(request.query("q")), phone, status, before,
                limit);
        for (Order order : found) {
            ObjectNode item = view(order, locale);
            if (found.size() == limit) {
                item.put("nextCursor", OrderCursor.after(order).encode());
            }
            page.add(item);
        }
        return ApiResponse.ok(page);
    }

    private ApiResponse read(ApiRequest request, FeatureContext context) {
        UUID id;
        try {
            id = UUID.fromString(request.path("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Order " + request.path("id"));
        }
        Order order = orders.find(context.store(), id)
                .orElseThrow(() -> ApiProblem.notFound("Order " + request.path("id")));
        ObjectNode view = view(order, settings(context).locale());
        ArrayNode items = view.putArray("lineItems");
        try {
            for (JsonNode item : JSON.readTree(order.lineItems())) {
                ObjectNode line = items.addObject().setAll((ObjectNode) item);
                if (item.has("priceMinor") && order.currency() != null) {
                    line.put("price", money(item.get("priceMinor").asLong(), order.currency(),
                            settings(context).locale()));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("order " + order.id() + " has unreadable line items", e);
        }
        return ApiResponse.ok(view);
    }

    /**
     * One order as the API shows it: amounts in minor units ({@code totalMinor}) and formatted for the tenant's
     * locale ({@code total}); {@code nextCursor} on the last item of a full page.
     */
    static ObjectNode view(Order o, String locale) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", o.id().toString()).put("source", o.source()).put("orderId", o.orderId())
                .put("number", o.number()).put("status", o.status()).put("vendorStatus", o.vendorStatus())
                .put("financialStatus", o.financialStatus()).put("fulfillmentStatus", o.fulfillmentStatus())
                .put("paymentMethod", o.paymentMethod()).put("cashOnDelivery", o.cashOnDelivery())
                .put("currency", o.currency());
        amount(node, "total", o.totalMinor(), o.currency(), locale);
        amount(node, "subtotal", o.subtotalMinor(), o.currency(), locale);
        amount(node, "shipping", o.shippingMinor(), o.currency(), locale);
        amount(node, "tax", o.taxMinor(), o.currency(), locale);
        amount(node, "refunded", o.refundedMinor(), o.currency(), locale);
        node.put("phone", o.phone()).put("customerName", name(o)).put("email", o.email())
                .put("shippingAddress", o.shippingSummary());
        ObjectNode tracking = node.putObject("tracking");
        tracking.put("carrier", o.carrier()).put("number", o.trackingNumber()).put("url", o.trackingUrl());
        node.put("createdAt", o.createdAt().toString()).put("updatedAt", o.updatedAt().toString());
        return node;
    }

    private static void amount(ObjectNode node, String field, Long minor, String currency, String locale) {
        node.put(field + "Minor", minor);
        node.put(field, minor == null || currency == null ? null : money(minor, currency, locale));
    }

    private static String money(long minor, String currency, String locale) {
        try {
            return Money.format(minor, currency, java.util.Locale.forLanguageTag(locale));
        } catch (IllegalArgumentException e) {
            return minor + " " + currency;
        }
    }

    private static String name(Order o) {
        String name = String.join(" ", java.util.stream.Stream.of(o.firstName(), o.lastName())
                .filter(java.util.Objects::nonNull).toList());
        return name.isEmpty() ? null : name;
    }

    private static OrdersSettings settings(FeatureContext context) {
        return context.configured() ? context.settings(OrdersSettings.class) : OrdersSettings.defaults();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
