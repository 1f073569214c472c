package io.wahub.plugins.drips;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final SendWindow weekdays = new SendWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0));

    @Test
    void insideTheWindow_isNow() {
        Instant wednesdayNoon = Instant.parse("2026-06-03T10:00:00Z"); // 12:00 in Berlin
        assertThat(weekdays.next(wednesdayNoon, BERLIN)).isEqualTo(wednesdayNoon);
    }

    @Test
    void threeAtNight_isTheSameDaysStart_inTheContactsZone() {
        Instant wednesdayThree = Instant.parse("2026-06-03T01:00:00Z"); // 03:00 in Berlin
        assertThat(weekdays.next(wednesdayThree, BERLIN)).isEqualTo(Instant.parse("2026-06-03T07:00:00Z"));
        assertThat(weekdays.next(wednesdayThree, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-06-03T13:00:00Z")); // 21:00 Tuesday there → 09:00 Wednesday
    }

    @Test
    void fridayEvening_isMondaysStart() {
        Instant fridayEvening = Instant.parse("2026-06-05T16:30:00Z"); // 18:30 in Berlin
        assertThat(weekdays.next(fridayEvening, BERLIN)).isEqualTo(Instant.parse("2026-06-08T07:00:00Z"));
    }

    @Test
    void theWindowsEnd_isOutside() {
        Instant fivePm = Instant.parse("2026-06-03T15:00:00Z"); // 17:00 in Berlin
        assertThat(weekdays.next(fivePm, BERLIN)).isEqualTo(Instant.parse("2026-06-04T07:00:00Z"));
    }
}
