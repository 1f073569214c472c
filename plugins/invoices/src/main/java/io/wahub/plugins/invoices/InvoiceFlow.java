package io.wahub.plugins.invoices;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.Timer;
import io.wahub.sdk.api.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An invoice's life: created (payment page, then the invoice message and its timers), reminded on its durable
 * timers, made overdue, paid (receipt, timers cancelled, queued reminders withdrawn) or cancelled (the same without
 * receipt). Messages are keyed {@code invoices:<id>:issued}, {@code …:reminder:<n>}, {@code …:receipt}, so repeated
 * runs send nothing twice; timers are {@code invoice:<id>:reminder} (the next one only) and
 * {@code invoice:<id>:overdue}.
 */
final class InvoiceFlow {

    /** What a create did: a new invoice, or the one the reference already named. */
    record Created(Invoice invoice, boolean created) {
    }

    private final Invoices invoices = new Invoices();

    /**
     * Creates the invoice, or resumes the one with this reference: a pending one (its payment page failed before)
     * goes on, any other is answered as it is. The payment page is asked for with no transaction open.
     */
    Created create(FeatureContext context, InvoiceSettings settings, InvoiceRequest request) {
        if (settings.successUrl() == null) {
            throw new ApiProblem(409, "not-configured", "Invoices not configured", "Set the invoices setting"
                    + " successUrl (the page a customer lands on after paying) before sending invoices.");
        }
        Instant now = now(context);
        Optional<Invoice> inserted = invoices.insert(context.store(), request, now);
        Invoice invoice = inserted.or(() -> invoices.byReference(context.store(), request.reference()))
                .orElseThrow(() -> new IllegalStateException("invoice " + request.reference() + " vanished"));
        if (inserted.isEmpty() && !sameInvoice(invoice, request)) {
            throw new ApiProblem(409, "reference-conflict", "Reference already used", "Invoice "
                    + request.reference() + " exists with other contents (" + invoice.id() + "); a reference names"
                    + " one invoice.");
        }
        if (!Invoice.PENDING.equals(invoice.status())) {
            return new Created(invoice, false);
        }
        context.contacts().upsert(new Contacts.Update(invoice.phone(), invoice.customerName(), null, null, null));
        PaymentLinks.Link link = link(context, settings, invoice);
        if (!link.url().startsWith(settings.paymentUrlBase())) {
            throw new ApiProblem(502, "payment-link-unusable", "Payment link unusable", "The payment page "
                    + link.url() + " does not start with " + settings.paymentUrlBase() + " (setting paymentUrlBase),"
                    + " which the templates' button needs.");
        }
        List<ReminderSchedule.Reminder> schedule = ReminderSchedule.of(invoice.dueDate(), settings, now);
        Invoice sent = invoices.sent(context.store(), invoice.id(), link.id(), link.url(), schedule, now)
                .orElseGet(() -> invoices.find(context.store(), invoice.id()).orElseThrow());
        Map<String, String> variables = variables(sent, settings);
        variables.put("due_date", sent.dueDate().toString());
        context.send(template(sent, InvoiceTemplates.INVOICE, settings, variables, key(sent.id(), "issued")));
        scheduleNext(context, sent);
        context.timers().schedule(overdueTimer(sent.id()), ReminderSchedule.overdueAt(sent.dueDate(), settings),
                JsonNodeFactory.instance.objectNode().put("id", sent.id().toString()));
        return new Created(sent, inserted.isPresent());
    }

    /** A reminder timer: sends reminder {@code n} if the invoice is still open, and schedules the next. */
    void remind(FeatureContext context, InvoiceSettings settings, Timer timer) {
        UUID id = UUID.fromString(timer.data().path("id").asText());
        int n = timer.data().path("n").asInt();
        boolean overdue = ReminderSchedule.Kind.OVERDUE.name().equals(timer.data().path("kind").asText());
        Optional<Invoice> reminded = invoices.reminded(context.store(), id, n, overdue, now(context));
        if (reminded.isEmpty()) {
            return;
        }
        Invoice invoice = reminded.get();
        Map<String, String> variables = variables(invoice, settings);
        variables.put("due_phrase", switch (ReminderSchedule.Kind.valueOf(timer.data().path("kind").asText())) {
            case BEFORE -> "due on " + invoice.dueDate();
            case DUE -> "due today";
            case OVERDUE -> "overdue since " + invoice.dueDate();
        });
        context.send(template(invoice, InvoiceTemplates.REMINDER, settings, variables, reminderKey(id, n)));
        scheduleNext(context, invoice);
    }

    void overdue(FeatureContext context, Timer timer) {
        invoices.overdue(context.store(), UUID.fromString(timer.data().path("id").asText()), now(context));
    }

    /**
     * A payment for the invoice: paid, its timers cancelled, its queued reminders withdrawn, the receipt sent. A
     * payment for an invoice already paid does the same again (idempotent keys: a redelivered event sends nothing
     * new); for a cancelled or unknown one, nothing.
     */
    void paid(FeatureContext context, InvoiceSettings settings, UUID id, String paymentId) {
        Instant now = now(context);
        Optional<Invoice> paid = invoices.paid(context.store(), id, paymentId, now)
                .or(() -> invoices.find(context.store(), id).filter(i -> Invoice.PAID.equals(i.status())));
        if (paid.isEmpty()) {
            return;
        }
        Invoice invoice = paid.get();
        stopReminders(context, invoice);
        Map<String, String> variables = variables(invoice, settings);
        variables.put("paid_date", LocalDate.ofInstant(invoice.paidAt(), ZoneId.of(settings.timeZone())).toString());
        context.send(template(invoice, InvoiceTemplates.RECEIPT, settings, variables, key(id, "receipt")));
    }

    /** Cancels an open invoice and its reminders (the invoice message too, if still queued). */
    Optional<Invoice> cancel(FeatureContext context, UUID id) {
        Optional<Invoice> cancelled = invoices.cancelled(context.store(), id, now(context));
        cancelled.ifPresent(invoice -> {
            stopReminders(context, invoice);
            context.withdraw(List.of(key(id, "issued")));
        });
        return cancelled;
    }

    Invoices invoices() {
        return invoices;
    }

    private void stopReminders(FeatureContext context, Invoice invoice) {
        context.timers().cancelPrefix("invoice:" + invoice.id() + ":");
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < invoice.schedule().size(); n++) {
            keys.add(reminderKey(invoice.id(), n));
        }
        context.withdraw(keys);
    }

    private void scheduleNext(FeatureContext context, Invoice invoice) {
        ReminderSchedule.Reminder next = invoice.nextReminder();
        if (next != null) {
            context.timers().schedule(reminderTimer(invoice.id()), next.at(), JsonNodeFactory.instance.objectNode()
                    .put("id", invoice.id().toString()).put("n", invoice.remindersSent())
                    .put("kind", next.kind().name()));
        }
    }

    private static PaymentLinks.Link link(FeatureContext context, InvoiceSettings settings, Invoice invoice) {
        try {
            return context.paymentLink(new PaymentLinks.Request(invoice.id().toString(), invoice.currency(),
                    invoice.amountMinor(), "Invoice " + invoice.reference(), null, settings.successUrl()));
        } catch (PaymentLinks.Failure failure) {
            throw new ApiProblem(failure.transientFailure() ? 503 : 502, "payment-link-failed",
                    "Payment link failed", "The payment page for invoice " + invoice.reference() + " could not be"
                    + " created (" + failure.code() + ": " + failure.getMessage() + "); the invoice is kept"
                    + " pending: send the same request again to go on.");
        }
    }

    private static OutboundMessage template(Invoice invoice, String name, InvoiceSettings settings,
                                            Map<String, String> variables, String key) {
        return new OutboundMessage(invoice.phone(), MessageCategory.UTILITY, null,
                OutboundMessage.Template.named(name, settings.templateLanguage(), variables), key);
    }

    private static Map<String, String> variables(Invoice invoice, InvoiceSettings settings) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("customer_name", invoice.customerName());
        variables.put("reference", invoice.reference());
        variables.put("amount", Money.format(invoice.amountMinor(), invoice.currency()));
        if (invoice.paymentUrl() != null && invoice.paymentUrl().startsWith(settings.paymentUrlBase())) {
            variables.put("payment_path", invoice.paymentUrl().substring(settings.paymentUrlBase().length()));
        }
        return variables;
    }

    private static boolean sameInvoice(Invoice stored, InvoiceRequest request) {
        return stored.phone().equals(request.phone()) && stored.currency().equals(request.currency())
                && stored.amountMinor() == request.amountMinor() && stored.dueDate().equals(request.dueDate());
    }

    static String key(UUID id, String what) {
        return InvoicesFeature.ID + ":" + id + ":" + what;
    }

    static String reminderKey(UUID id, int n) {
        return key(id, "reminder:" + n);
    }

    static String reminderTimer(UUID id) {
        return "invoice:" + id + ":reminder";
    }

    static String overdueTimer(UUID id) {
        return "invoice:" + id + ":overdue";
    }

    private static Instant now(FeatureContext context) {
        return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
