package io.wahub.hub.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dispatch keeps a slow tenant from holding up the others ({@code wahub.dispatch.*}; the batch settings and
 * {@code enabled}, {@code max-attempts}, {@code grace} are read elsewhere).
 *
 * @param lease               how long a claimed event is reserved for the node processing it; after that the
 *                            recovery sweep gives it to any node. Must exceed {@code wahub.features.call-timeout}: a
 *                            tenant's events are started only while at least that much of their lease is left
 * @param batchWait           how long a batch waits for its tenants' features; a tenant whose features are still
 *                            running then (a slow chat model, say) finishes its events in the background
 * @param backgroundPerTenant how many batches' worth of one tenant's events may finish in the background at once;
 *                            the tenant's further events are given back, due again after {@code releaseDelay}
 * @param backgroundTotal     the same, over all tenants; beyond it a batch waits for its slow tenant (which then
 *                            starts no further event of that batch)
 * @param releaseDelay        when events given back are due again
 * @param timerLanes          how many lanes one tenant's due timers of a batch are processed in at once (a timer's
 *                            lane follows from its key); the tenant's other events keep to one lane, in order
 */
@ConfigurationProperties("wahub.dispatch")
public record DispatchProperties(@DefaultValue("2m") Duration lease,
                                 @DefaultValue("1s") Duration batchWait,
                                 @DefaultValue("2") int backgroundPerTenant,
                                 @DefaultValue("32") int backgroundTotal,
                                 @DefaultValue("5s") Duration releaseDelay,
                                 @DefaultValue("1") int timerLanes) {

    public DispatchProperties {
        if (timerLanes < 1) {
            throw new IllegalArgumentException("wahub.dispatch.timer-lanes must be at least 1, not " + timerLanes);
        }
    }
}
