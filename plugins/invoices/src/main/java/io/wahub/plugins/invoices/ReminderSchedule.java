package io.wahub.plugins.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * When an invoice's reminders go, from the tenant's policy ({@link InvoiceSettings}): {@code daysBefore} days before
 * the due date, on the due date, then every {@code overdueEveryDays} days after it, at most {@code maxReminders} in
 * all, each at {@code reminderHour} in the tenant's {@code timeZone}. Reminders whose moment had passed when the
 * invoice was sent are left out (an invoice due tomorrow gets no "due in 3 days").
 */
final class ReminderSchedule {

    /** What a reminder says: the invoice is due soon, due today, or overdue. */
    enum Kind { BEFORE, DUE, OVERDUE }

    record Reminder(Kind kind, Instant at) {
    }

    private ReminderSchedule() {
    }

    static List<Reminder> of(LocalDate due, InvoiceSettings policy, Instant sentAt) {
        List<Reminder> reminders = new ArrayList<>();
        int max = policy.maxReminders();
        if (policy.daysBefore() > 0) {
            add(reminders, Kind.BEFORE, at(due.minusDays(policy.daysBefore()), policy), sentAt, max);
        }
        if (policy.onDueDate()) {
            add(reminders, Kind.DUE, at(due, policy), sentAt, max);
        }
        for (int k = 1; policy.overdueEveryDays() > 0 && reminders.size() < max; k++) {
            add(reminders, Kind.OVERDUE, at(due.plusDays((long) k * policy.overdueEveryDays()), policy), sentAt, max);
        }
        return reminders;
    }

    /** The moment an invoice due on {@code due} becomes overdue: the start of the next day in the tenant's zone. */
    static Instant overdueAt(LocalDate due, InvoiceSettings policy) {
        return due.plusDays(1).atStartOfDay(ZoneId.of(policy.timeZone())).toInstant();
    }

    private static Instant at(LocalDate day, InvoiceSettings policy) {
        return day.atTime(LocalTime.of(policy.reminderHour(), 0)).atZone(ZoneId.of(policy.timeZone())).toInstant();
    }

    private static void add(List<Reminder> reminders, Kind kind, Instant at, Instant sentAt, int max) {
        if (at.isAfter(sentAt) && reminders.size() < max) {
            reminders.add(new Reminder(kind, at));
        }
    }
}
