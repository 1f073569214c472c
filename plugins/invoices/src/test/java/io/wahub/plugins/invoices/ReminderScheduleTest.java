package io.wahub.plugins.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.plugins.invoices.ReminderSchedule.Kind;
import io.wahub.plugins.invoices.ReminderSchedule.Reminder;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReminderScheduleTest {

    private static final LocalDate DUE = LocalDate.parse("2026-12-10");

    private static InvoiceSettings policy(int before, boolean onDue, int every, int max, String zone) {
        return new InvoiceSettings("https://shop.example/paid", before, onDue, every, max, 9, zone, null, null);
    }

    @Test
    void defaultPolicy_threeDaysBefore_onTheDueDate_thenEverySevenDays_atNineInTheZone() {
        assertThat(ReminderSchedule.of(DUE, policy(3, true, 7, 4, "Europe/Berlin"),
                Instant.parse("2026-12-01T12:00:00Z"))).containsExactly(
                new Reminder(Kind.BEFORE, Instant.parse("2026-12-07T08:00:00Z")),
                new Reminder(Kind.DUE, Instant.parse("2026-12-10T08:00:00Z")),
                new Reminder(Kind.OVERDUE, Instant.parse("2026-12-17T08:00:00Z")),
                new Reminder(Kind.OVERDUE, Instant.parse("2026-12-24T08:00:00Z")));
    }

    @Test
    void remindersWhoseMomentPassedBeforeSending_areLeftOut_andTheMaximumHolds() {
        assertThat(ReminderSchedule.of(DUE, policy(3, true, 7, 2, "UTC"), Instant.parse("2026-12-09T10:00:00Z")))
                .containsExactly(new Reminder(Kind.DUE, Instant.parse("2026-12-10T09:00:00Z")),
                        new Reminder(Kind.OVERDUE, Instant.parse("2026-12-17T09:00:00Z")));
    }

    @Test
    void noOverdueReminders_whenEveryIsZero() {
        assertThat(ReminderSchedule.of(DUE, policy(0, true, 0, 5, "UTC"), Instant.parse("2026-12-01T00:00:00Z")))
                .containsExactly(new Reminder(Kind.DUE, Instant.parse("2026-12-10T09:00:00Z")));
    }

    @Test
    void overdueFromTheStartOfTheNextDayInTheZone() {
        assertThat(ReminderSchedule.overdueAt(DUE, policy(3, true, 7, 3, "Asia/Tokyo")))
                .isEqualTo(Instant.parse("2026-12-10T15:00:00Z"));
    }
}
