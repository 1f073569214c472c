package io.wahub.hub.policy;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the send policy ({@code wahub.policy.*}).
 *
 * @param recipientInterval the least time between two messages to one recipient (WhatsApp allows about one every
 *                          6 s; error 131056 beyond that); 0 turns pacing off
 * @param quietHoursStart   from when marketing waits, in the contact's time zone (default 21:00)
 * @param quietHoursEnd     until when it waits (default 08:00); equal to the start turns quiet hours off
 */
@ConfigurationProperties("wahub.policy")
public record PolicyProperties(@DefaultValue("6s") Duration recipientInterval,
                               @DefaultValue("21:00") LocalTime quietHoursStart,
                               @DefaultValue("08:00") LocalTime quietHoursEnd) {

    public PolicyProperties {
        if (recipientInterval.isNegative()) {
            throw new IllegalArgumentException("wahub.policy.recipient-interval must not be negative");
        }
    }
}
