package io.wahub.plugins.invoices;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A tenant's invoice settings, the reminder policy among them; {@code null} means the default given with each.
 *
 * @param successUrl       where the customer lands after paying (Stripe's {@code success_url}); required to send
 *                         invoices
 * @param daysBefore       a reminder this many days before the due date, 0–60 (default 3; 0: none)
 * @param onDueDate        a reminder on the due date (default true)
 * @param overdueEveryDays a reminder every this many days once overdue, 0–60 (default 7; 0: none)
 * @param maxReminders     at most this many reminders per invoice, 0–20 (default 3)
 * @param reminderHour     the hour of the day reminders go, 0–23, in {@code timeZone} (default 9)
 * @param timeZone         the zone of due dates and reminder hours (default UTC)
 * @param paymentUrlBase   the fixed start of payment page URLs, the URL button's base in the templates (default
 *                         {@value #DEFAULT_PAYMENT_URL_BASE}): the button carries the rest of the URL
 * @param templateLanguage the language of the invoice, reminder and receipt templates (default en_US)
 */
public record InvoiceSettings(
        @Setting(label = "Page after payment", help = "Where the customer lands after paying, https://…")
        @Pattern(regexp = "https://\\S{1,1900}")
        String successUrl,

        @Setting(label = "Reminder days before due", help = "0: no reminder before the due date", defaultValue = "3")
        @Min(0) @Max(60)
        Integer daysBefore,

        @Setting(label = "Reminder on the due date", defaultValue = "true")
        Boolean onDueDate,

        @Setting(label = "Overdue reminder every N days", help = "0: no reminders once overdue", defaultValue = "7")
        @Min(0) @Max(60)
        Integer overdueEveryDays,

        @Setting(label = "Reminders per invoice at most", defaultValue = "3")
        @Min(0) @Max(20)
        Integer maxReminders,

        @Setting(label = "Reminder hour", help = "Hour of the day (0–23) reminders go, in the time zone below",
                defaultValue = "9")
        @Min(0) @Max(23)
        Integer reminderHour,

        @Setting(label = "Time zone", help = "Zone of due dates and the reminder hour, e.g. Europe/Berlin",
                defaultValue = "UTC")
        @Pattern(regexp = "[A-Za-z0-9_+\\-/]{1,64}")
        String timeZone,

        @Setting(label = "Payment page URL base", help = "The fixed start of payment links, as in the templates' URL"
                + " button", defaultValue = InvoiceSettings.DEFAULT_PAYMENT_URL_BASE)
        @Pattern(regexp = "https://\\S{1,200}/")
        String paymentUrlBase,

        @Setting(label = "Template language", defaultValue = "en_US")
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?")
        String templateLanguage) {

    public static final String DEFAULT_PAYMENT_URL_BASE = "https://checkout.stripe.com/";

    public InvoiceSettings {
        successUrl = successUrl == null || successUrl.isBlank() ? null : successUrl.strip();
        daysBefore = daysBefore == null ? 3 : daysBefore;
        onDueDate = onDueDate == null || onDueDate;
        overdueEveryDays = overdueEveryDays == null ? 7 : overdueEveryDays;
        maxReminders = maxReminders == null ? 3 : maxReminders;
        reminderHour = reminderHour == null ? 9 : reminderHour;
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone is not a time zone: " + timeZone, e);
        }
        paymentUrlBase = paymentUrlBase == null || paymentUrlBase.isBlank() ? DEFAULT_PAYMENT_URL_BASE
                : paymentUrlBase.strip();
        templateLanguage = templateLanguage == null || templateLanguage.isBlank() ? "en_US" : templateLanguage.strip();
    }

    /** Every setting at its default (no success URL). */
    static InvoiceSettings defaults() {
        return new InvoiceSettings(null, null, null, null, null, null, null, null, null);
    }
}
