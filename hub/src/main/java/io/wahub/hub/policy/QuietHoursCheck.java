package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.policy.RecipientFacts.Facts;
import io.wahub.routes.Ref;
import io.wahub.sdk.MessageCategory;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Marketing waits out the night in the contact's time zone ({@code wahub.policy.quiet-hours-start} to
 * {@code -end}, 21:00 to 08:00 by default): deferred to the end of the quiet hours, reason {@value #CODE}. A
 * contact without a known time zone is not held back. Other categories are never held: a customer waiting for a
 * code or a receipt wants it now.
 */
@Component
@Order(90)
class QuietHoursCheck implements SendCheck {

    static final String CODE = "quiet-hours";

    private final LocalTime start;
    private final LocalTime end;

    QuietHoursCheck(PolicyProperties properties) {
        this.start = properties.quietHoursStart();
        this.end = properties.quietHoursEnd();
    }

    @Override
    public Map<Ref, PolicyDecision> check(SendBatch batch) {
        List<ClaimedMessage> messages = batch.messages();
        Instant now = batch.now();
        List<ClaimedMessage> marketing = messages.stream()
                .filter(m -> m.message().category() == MessageCategory.MARKETING).toList();
        if (marketing.isEmpty() || start.equals(end)) {
            return Map.of();
        }
        Map<Ref, PolicyDecision> stopped = new HashMap<>();
        for (ClaimedMessage message : marketing) {
            Facts fact = batch.facts(message);
            ZoneId zone = zone(fact);
            if (zone == null) {
                continue;
            }
            ZonedDateTime local = now.atZone(zone);
            if (quiet(local.toLocalTime())) {
                ZonedDateTime until = local.toLocalTime().isBefore(end) ? local.with(end)
                        : local.plusDays(1).with(end);
                stopped.put(message.ref(), PolicyDecision.defer(CODE, "It is " + local.toLocalTime()
                        .withSecond(0).withNano(0) + " for the customer (" + zone + "): marketing waits until " + end
                        + " their time.", until.toInstant()));
            }
        }
        return stopped;
    }

    /** Whether a local time falls in the quiet hours, which may span midnight. */
    boolean quiet(LocalTime time) {
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    private static ZoneId zone(Facts fact) {
        if (fact == null || fact.timeZone() == null) {
            return null;
        }
        try {
            return ZoneId.of(fact.timeZone());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
