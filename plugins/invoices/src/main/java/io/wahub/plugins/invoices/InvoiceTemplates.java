package io.wahub.plugins.invoices;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.util.List;
import java.util.Map;

/**
 * The three utility templates the plugin ships (a tenant may replace them with its own of the same name): the
 * invoice and its reminders carry a URL button to the payment page, whose variable {@code payment_path} is the page
 * URL after {@link InvoiceSettings#paymentUrlBase()}; the receipt has none. Variables: {@code customer_name},
 * {@code reference}, {@code amount} ("29.99 EUR"), {@code due_date} (ISO date), {@code due_phrase} ("due on
 * 2026-12-10", "due today", "overdue since 2026-12-10"), {@code paid_date}.
 */
final class InvoiceTemplates {

    static final String INVOICE = "invoice_issued";
    static final String REMINDER = "invoice_reminder";
    static final String RECEIPT = "invoice_receipt";
    static final String LANGUAGE = "en_US";

    private static final Templates.UrlButton PAY = new Templates.UrlButton("Pay invoice",
            InvoiceSettings.DEFAULT_PAYMENT_URL_BASE + "{{payment_path}}");

    static final List<Templates.Draft> DRAFTS = List.of(
            new Templates.Draft(INVOICE, LANGUAGE, MessageCategory.UTILITY,
                    "Hi {{customer_name}}, here is your invoice {{reference}} for {{amount}}, due on {{due_date}}."
                            + " Tap the button below to pay securely.",
                    Map.of("customer_name", "Jon", "reference", "INV-1001", "amount", "29.99 EUR",
                            "due_date", "2026-12-10", "payment_path", "c/pay/cs_test_a1b2")).withUrlButtons(List.of(PAY)),
            new Templates.Draft(REMINDER, LANGUAGE, MessageCategory.UTILITY,
                    "Hi {{customer_name}}, a reminder: invoice {{reference}} for {{amount}} is {{due_phrase}}."
                            + " Tap the button below to pay.",
                    Map.of("customer_name", "Jon", "reference", "INV-1001", "amount", "29.99 EUR",
                            "due_phrase", "due on 2026-12-10", "payment_path", "c/pay/cs_test_a1b2"))
                    .withUrlButtons(List.of(PAY)),
            new Templates.Draft(RECEIPT, LANGUAGE, MessageCategory.UTILITY,
                    "Thank you, {{customer_name}}! We received {{amount}} for invoice {{reference}} on"
                            + " {{paid_date}}.",
                    Map.of("customer_name", "Jon", "reference", "INV-1001", "amount", "29.99 EUR",
                            "paid_date", "2026-12-08")));

    private InvoiceTemplates() {
    }
}
