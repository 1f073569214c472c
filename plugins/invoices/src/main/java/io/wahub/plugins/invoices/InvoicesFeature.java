package io.wahub.plugins.invoices;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Templates;
import io.wahub.sdk.Timer;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * Invoices paid from WhatsApp: created through the API ({@link InvoiceApi}) with a Stripe payment page and sent as
 * a utility template with a URL button; reminded on durable timers by the tenant's policy ({@link InvoiceSettings});
 * paid when Stripe's {@code payment.succeeded} carries the invoice's id in its metadata ({@code invoice_id}), which
 * sends the receipt, cancels the timers and withdraws reminders still queued.
 */
@Extension
public class InvoicesFeature implements Feature, FeatureApi, FeaturePanel {

    public static final String ID = "invoices";
    static final String METADATA_KEY = "invoice_id";

    private final InvoiceFlow flow = new InvoiceFlow();
    private final InvoiceApi api = new InvoiceApi(flow);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Invoices & payment reminders";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return InvoiceSettings.class;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.PAYMENT_SUCCEEDED);
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        if (!EventTypes.PAYMENT_SUCCEEDED.equals(event.type())) {
            return;
        }
        String invoiceId = event.payload().path("metadata").path(METADATA_KEY).asText("");
        UUID id;
        try {
            id = UUID.fromString(invoiceId);
        } catch (IllegalArgumentException notOurs) {
            return;
        }
        String paymentId = event.payload().path("paymentIntentId").asText(event.payload().path("paymentId")
                .asText(event.deliveryId()));
        flow.paid(context, settings(context), id, paymentId);
    }

    @Override
    public void onTimer(Timer timer, FeatureContext context) {
        if (timer.key().endsWith(":reminder")) {
            flow.remind(context, settings(context), timer);
        } else if (timer.key().endsWith(":overdue")) {
            flow.overdue(context, timer);
        }
    }

    @Override
    public List<ApiOperation> operations() {
        return api.operations();
    }

    @Override
    public List<Templates.Draft> templates() {
        return InvoiceTemplates.DRAFTS;
    }

    @Override
    public List<PanelResource> resources() {
        List<PanelResource.Column> columns = List.of(new PanelResource.Column("reference", "Reference", "text"),
                new PanelResource.Column("contact.name", "Customer", "text"),
                new PanelResource.Column("amount", "Amount", "text"),
                new PanelResource.Column("dueDate", "Due", "text"),
                new PanelResource.Column("status", "Status", "status"),
                new PanelResource.Column("remindersSent", "Reminders", "number"));
        return List.of(new PanelResource("invoices", "Invoices",
                new PanelResource.Listing("/invoices", columns,
                        List.of(new PanelResource.Filter("status", "Status", Invoice.STATUSES))),
                new PanelResource.Detail("/invoices/{id}", List.of(
                        new PanelResource.Column("reference", "Reference", "text"),
                        new PanelResource.Column("status", "Status", "status"),
                        new PanelResource.Column("contact.phone", "Phone", "text"),
                        new PanelResource.Column("amount", "Amount", "text"),
                        new PanelResource.Column("dueDate", "Due", "text"),
                        new PanelResource.Column("paymentUrl", "Payment page", "text"),
                        new PanelResource.Column("nextReminderAt", "Next reminder", "datetime"),
                        new PanelResource.Column("paidAt", "Paid", "datetime"),
                        new PanelResource.Column("createdAt", "Created", "datetime"))),
                List.of(new PanelResource.Action("cancel", "Cancel invoice", "POST", "/invoices/{id}/cancel", true)),
                null));
    }

    static InvoiceSettings settings(FeatureContext context) {
        return context.configured() ? context.settings(InvoiceSettings.class) : InvoiceSettings.defaults();
    }
}
