package io.wahub.plugins.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An invoice as stored ({@code invoice} table).
 *
 * @param lines         the lines as JSON text: {@code [{"description", "quantity", "unitAmountMinor"}]}
 * @param schedule      the reminders fixed when it was sent, in order
 * @param remindersSent how many of them fired
 */
record Invoice(UUID id, String reference, String phone, String customerName, String currency, long amountMinor,
               String lines, LocalDate dueDate, String status, String paymentLinkId, String paymentUrl,
               List<ReminderSchedule.Reminder> schedule, int remindersSent, String paymentId, Instant paidAt,
               Instant cancelledAt, Instant createdAt, Instant updatedAt) {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String OVERDUE = "overdue";
    static final String PAID = "paid";
    static final String CANCELLED = "cancelled";
    static final List<String> STATUSES = List.of(PENDING, SENT, OVERDUE, PAID, CANCELLED);

    /** Whether it still waits for its payment (pending, sent, overdue). */
    boolean open() {
        return PENDING.equals(status) || SENT.equals(status) || OVERDUE.equals(status);
    }

    /** The reminder to come, or null when all fired. */
    ReminderSchedule.Reminder nextReminder() {
        return remindersSent < schedule.size() ? schedule.get(remindersSent) : null;
    }
}
