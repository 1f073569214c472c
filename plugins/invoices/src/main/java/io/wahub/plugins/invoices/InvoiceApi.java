package io.wahub.plugins.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The invoice operations, mounted by the hub under {@code /api/v1/tenants/{tenant}/features/invoices}: create
 * (idempotent by {@code reference}: 201 new, 200 the existing one), list (newest first, by status), read and
 * cancel. Field errors answer 400 {@code invalid-request}; the plugin's README lists every answer.
 */
final class InvoiceApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final InvoiceFlow flow;

    InvoiceApi(InvoiceFlow flow) {
        this.flow = flow;
    }

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.post("/invoices", "Sends an invoice with a payment link (idempotent by reference)",
                        schema(), this::create),
                ApiOperation.get("/invoices", "Lists invoices, newest first (query: status, limit)", this::list),
                ApiOperation.get("/invoices/{id}", "Reads an invoice", this::read),
                ApiOperation.post("/invoices/{id}/cancel", "Cancels an open invoice and its reminders", null,
                        this::cancel));
    }

    private ApiResponse create(ApiRequest request, FeatureContext context) {
        InvoiceSettings settings = InvoicesFeature.settings(context);
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), ZoneId.of(settings.timeZone()));
        InvoiceFlow.Created created = flow.create(context, settings, InvoiceRequest.parse(request.body(), today));
        return created.created() ? ApiResponse.created(view(created.invoice()))
                : ApiResponse.ok(view(created.invoice()));
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        String status = request.query("status");
        if (status != null && !Invoice.STATUSES.contains(status)) {
            throw invalid(Map.of("status", "one of " + String.join(", ", Invoice.STATUSES)));
        }
        int limit = DEFAULT_LIMIT;
        if (request.query("limit") != null) {
            try {
                limit = Integer.parseInt(request.query("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw invalid(Map.of("limit", "1 to " + MAX_LIMIT));
            }
        }
        ArrayNode items = NODES.arrayNode();
        flow.invoices().list(context.store(), status, limit).forEach(i -> items.add(view(i)));
        return ApiResponse.ok(items);
    }

    private ApiResponse read(ApiRequest request, FeatureContext context) {
        return ApiResponse.ok(view(flow.invoices().find(context.store(), id(request))
                .orElseThrow(() -> ApiProblem.notFound("Invoice " + request.path("id")))));
    }

    private ApiResponse cancel(ApiRequest request, FeatureContext context) {
        UUID id = id(request);
        return flow.cancel(context, id).map(invoice -> ApiResponse.ok(view(invoice))).orElseGet(() -> {
            Invoice found = flow.invoices().find(context.store(), id)
                    .orElseThrow(() -> ApiProblem.notFound("Invoice " + id));
            if (Invoice.CANCELLED.equals(found.status())) {
                return ApiResponse.ok(view(found));
            }
            throw new ApiProblem(409, "invoice-paid", "Invoice paid", "Invoice " + found.reference()
                    + " was paid on " + found.paidAt() + "; a paid invoice cannot be cancelled.");
        });
    }

    static ObjectNode view(Invoice i) {
        ObjectNode view = NODES.objectNode().put("id", i.id().toString()).put("reference", i.reference())
                .put("status", i.status());
        view.putObject("contact").put("phone", i.phone()).put("name", i.customerName());
        view.put("currency", i.currency()).put("amountMinor", i.amountMinor())
                .put("amount", Money.format(i.amountMinor(), i.currency()));
        view.set("lines", Invoices.tree(i.lines()));
        view.put("dueDate", i.dueDate().toString());
        if (i.paymentUrl() != null) {
            view.put("paymentUrl", i.paymentUrl());
        }
        view.put("remindersSent", i.remindersSent());
        ReminderSchedule.Reminder next = i.open() ? i.nextReminder() : null;
        if (next != null) {
            view.put("nextReminderAt", next.at().toString());
        }
        view.put("createdAt", i.createdAt().toString());
        if (i.paidAt() != null) {
            view.put("paidAt", i.paidAt().toString());
        }
        if (i.cancelledAt() != null) {
            view.put("cancelledAt", i.cancelledAt().toString());
        }
        return view;
    }

    /** 400 invalid-request, as the create's field errors (InvoiceRequest). */
    private static ApiProblem invalid(Map<String, String> errors) {
        return new ApiProblem(400, "invalid-request", "Invalid request",
                "Invalid request: " + String.join(", ", errors.keySet()), errors);
    }

    private static UUID id(ApiRequest request) {
        try {
            return UUID.fromString(request.path("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Invoice " + request.path("id"));
        }
    }

    private static JsonNode schema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("reference").put("type", "string").put("description", "your invoice number; unique");
        ObjectNode contact = properties.putObject("contact").put("type", "object");
        contact.putObject("properties").putObject("phone").put("type", "string").put("description", "E.164");
        contact.with("properties").putObject("name").put("type", "string");
        properties.putObject("currency").put("type", "string").put("description", "ISO 4217, upper case");
        ObjectNode line = properties.putObject("lines").put("type", "array").putObject("items").put("type", "object");
        ObjectNode lineProperties = line.putObject("properties");
        lineProperties.putObject("description").put("type", "string");
        lineProperties.putObject("quantity").put("type", "integer").put("description", "default 1");
        lineProperties.putObject("unitAmountMinor").put("type", "integer").put("description", "minor units");
        properties.putObject("dueDate").put("type", "string").put("format", "date");
        for (String field : List.of("reference", "contact", "currency", "lines", "dueDate")) {
            schema.withArray("required").add(field);
        }
        return schema;
    }
}
