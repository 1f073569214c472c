package io.wahub.plugins.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code invoice} table through the feature's store (this tenant's rows only: row-level security, and
 * {@code :tenant_id} on every insert). Status changes are single guarded statements ({@code WHERE status IN …}), so
 * a late or repeated event or timer changes nothing it should not.
 */
final class Invoices {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final String COLUMNS = """
            id, reference, phone, customer_name, currency, amount_minor, lines::text AS lines, due_date, status,
            payment_link_id, payment_url, schedule::text AS schedule, reminders_sent, payment_id, paid_at,
            cancelled_at, created_at, updated_at""";

    /** Stores a new pending invoice; empty when the tenant has one with this reference already. */
    Optional<Invoice> insert(FeatureStore store, InvoiceRequest request, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID());
        params.put("reference", request.reference());
        params.put("phone", request.phone());
        params.put("name", request.name());
        params.put("currency", request.currency());
        params.put("amount", request.amountMinor());
        params.put("lines", request.linesJson());
        params.put("due", request.dueDate().toString());
        params.put("now", now);
        return store.query("""
                INSERT INTO invoice (tenant_id, id, reference, phone, customer_name, currency, amount_minor, lines,
                                     due_date, status, created_at, updated_at)
                VALUES (:tenant_id, :id, :reference, :phone, :name, :currency, :amount, :lines::jsonb, :due::date,
                        'pending', :now, :now)
                ON CONFLICT (tenant_id, reference) DO NOTHING
                RETURNING\s""" + COLUMNS, params).stream().findFirst().map(Invoices::read);
    }

    Optional<Invoice> find(FeatureStore store, UUID id) {
        return store.query("SELECT " + COLUMNS + " FROM invoice WHERE id = :id", Map.of("id", id)).stream()
                .findFirst().map(Invoices::read);
    }

    Optional<Invoice> byReference(FeatureStore store, String reference) {
        return store.query("SELECT " + COLUMNS + " FROM invoice WHERE reference = :reference",
                Map.of("reference", reference)).stream().findFirst().map(Invoices::read);
    }

    /** Newest first, optionally of one status. */
    List<Invoice> list(FeatureStore store, String status, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("limit", limit);
        return store.query("SELECT " + COLUMNS + """
                 FROM invoice WHERE (CAST(:status AS text) IS NULL OR status = :status)
                ORDER BY created_at DESC, id LIMIT :limit""", params).stream().map(Invoices::read).toList();
    }

    /** A pending invoice whose page and message are done: sent, with its page and reminder schedule. */
    Optional<Invoice> sent(FeatureStore store, UUID id, String linkId, String url,
                           List<ReminderSchedule.Reminder> schedule, Instant now) {
        return store.query("""
                UPDATE invoice SET status = 'sent', payment_link_id = :link, payment_url = :url,
                                   schedule = :schedule::jsonb, updated_at = :now
                WHERE id = :id AND status = 'pending'
                RETURNING\s""" + COLUMNS, Map.of("id", id, "link", linkId, "url", url, "schedule",
                scheduleJson(schedule), "now", now)).stream().findFirst().map(Invoices::read);
    }

    /**
     * Counts reminder {@code n} (0-based) as fired, and an overdue one as making the invoice overdue. Empty when the
     * invoice is no longer open (paid, cancelled): no reminder then.
     */
    Optional<Invoice> reminded(FeatureStore store, UUID id, int n, boolean overdue, Instant now) {
        return store.query("""
                UPDATE invoice SET reminders_sent = greatest(reminders_sent, :count),
                                   status = CASE WHEN :overdue AND status = 'sent' THEN 'overdue' ELSE status END,
                                   updated_at = :now
                WHERE id = :id AND status IN ('sent', 'overdue')
                RETURNING\s""" + COLUMNS, Map.of("id", id, "count", n + 1, "overdue", overdue, "now", now))
                .stream().findFirst().map(Invoices::read);
    }

    /** A sent invoice past its due date becomes overdue; whether it did. */
    boolean overdue(FeatureStore store, UUID id, Instant now) {
        return store.update("UPDATE invoice SET status = 'overdue', updated_at = :now WHERE id = :id AND status = 'sent'",
                Map.of("id", id, "now", now)) == 1;
    }

    /** An open invoice becomes paid; empty when it was not open (already paid, cancelled, unknown). */
    Optional<Invoice> paid(FeatureStore store, UUID id, String paymentId, Instant now) {
        return store.query("""
                UPDATE invoice SET status = 'paid', payment_id = :payment, paid_at = :now, updated_at = :now
                WHERE id = :id AND status IN ('pending', 'sent', 'overdue')
                RETURNING\s""" + COLUMNS, Map.of("id", id, "payment", paymentId, "now", now)).stream().findFirst()
                .map(Invoices::read);
    }

    /** An open invoice becomes cancelled; empty when it was not open. */
    Optional<Invoice> cancelled(FeatureStore store, UUID id, Instant now) {
        return store.query("""
                UPDATE invoice SET status = 'cancelled', cancelled_at = :now, updated_at = :now
                WHERE id = :id AND status IN ('pending', 'sent', 'overdue')
                RETURNING\s""" + COLUMNS, Map.of("id", id, "now", now)).stream().findFirst().map(Invoices::read);
    }

    private static String scheduleJson(List<ReminderSchedule.Reminder> schedule) {
        ArrayNode array = JSON.createArrayNode();
        schedule.forEach(r -> array.addObject().put("kind", r.kind().name()).put("at", r.at().toString()));
        return array.toString();
    }

    private static Invoice read(Map<String, Object> row) {
        List<ReminderSchedule.Reminder> schedule = new ArrayList<>();
        for (JsonNode r : tree((String) row.get("schedule"))) {
            schedule.add(new ReminderSchedule.Reminder(ReminderSchedule.Kind.valueOf(r.path("kind").asText()),
                    Instant.parse(r.path("at").asText())));
        }
        return new Invoice((UUID) row.get("id"), (String) row.get("reference"), (String) row.get("phone"),
                (String) row.get("customer_name"), (String) row.get("currency"),
                ((Number) row.get("amount_minor")).longValue(), (String) row.get("lines"),
                (LocalDate) row.get("due_date"), (String) row.get("status"), (String) row.get("payment_link_id"),
                (String) row.get("payment_url"), schedule, ((Number) row.get("reminders_sent")).intValue(),
                (String) row.get("payment_id"), (Instant) row.get("paid_at"), (Instant) row.get("cancelled_at"),
                (Instant) row.get("created_at"), (Instant) row.get("updated_at"));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
