package io.wahub.hub.timer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Timer;
import java.util.Optional;

/**
 * A feature's timer that fell due, as it travels through the inbox: an event of type {@value EventTypes#TIMER_DUE}
 * from source {@value #SOURCE}, addressed to the one feature that scheduled it (see {@link TimerRepository#moveDue}).
 *
 * @param featureId the feature to hand it to, and to no other
 */
public record DueTimer(String featureId, Timer timer) {

    /** The source of timer events; no connector can emit them, as a connector's events carry its own id. */
    public static final String SOURCE = "timer";

    /** The timer an event carries, if it is a due timer. */
    public static Optional<DueTimer> of(CanonicalEvent event) {
        if (!EventTypes.TIMER_DUE.equals(event.type()) || !SOURCE.equals(event.source())) {
            return Optional.empty();
        }
        ObjectNode payload = event.payload();
        return Optional.of(new DueTimer(payload.path("feature").asText(),
                new Timer(payload.path("key").asText(), event.occurredAt(), payload.get("data"))));
    }
}
