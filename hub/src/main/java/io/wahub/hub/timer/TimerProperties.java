package io.wahub.hub.timer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Features' durable timers ({@code wahub.timers.*}).
 *
 * @param period    how often each processing node looks for due timers (the route's tick reads the same setting)
 * @param batchSize how many due timers one statement moves into the inbox; a tick moves batches while they come
 *                  back full, for at most one period
 * @param idleLook  how long a node goes without looking when it knows of no timer due sooner: a timer scheduled by a
 *                  node that does not process, or by one that dies before firing it, is fired at most this late
 *                  (5 s: feature timers fall due minutes or hours after they are scheduled, and each look of an
 *                  idle node is two queries)
 */
@ConfigurationProperties("wahub.timers")
public record TimerProperties(@DefaultValue("250ms") Duration period, @DefaultValue("500") int batchSize,
                              @DefaultValue("5s") Duration idleLook) {

    public TimerProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("wahub.timers.batch-size must be at least 1, not " + batchSize);
        }
    }
}
