package io.wahub.sdk;

import java.util.Objects;

/**
 * One due timer of a batch handed to {@link Feature#onTimers}, with the context of its own run: what is sent and
 * scheduled through {@code context} belongs to this timer (its event lists the messages), exactly as in
 * {@link Feature#onTimer}.
 */
public record TimerRun(Timer timer, FeatureContext context) {

    public TimerRun {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(context, "context");
    }
}
