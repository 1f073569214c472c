package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a campaign may message a contact: on {@code days}, from {@code from} (inclusive) to {@code to} (exclusive),
 * in the contact's own time zone.
 */
record SendWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    /** The first instant at or after {@code now} inside the window, in {@code zone}. */
    Instant next(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime date = local.plusDays(day);
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            if (day == 0 && !local.toLocalTime().isBefore(from) && local.toLocalTime().isBefore(to)) {
                return now;
            }
            ZonedDateTime start = date.with(from).withSecond(0).withNano(0);
            if (day > 0 || local.toLocalTime().isBefore(from)) {
                return start.toInstant();
            }
        }
        return now; // unreachable with at least one day
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        var list = node.putArray("days");
        new TreeSet<>(days).forEach(d -> list.add(d.name().substring(0, 3)));
        return node.put("from", from.toString()).put("to", to.toString());
    }
}
