package io.wahub.sdk;

import java.util.List;

/**
 * What a {@link WebhookConnector} made of a verified webhook.
 *
 * @param events the canonical events to store (possibly several, possibly none)
 * @param note   why nothing was emitted, for calls that are acknowledged but create no event (a ping, a topic
 *               no feature uses); {@code null} when events were emitted
 */
public record WebhookOutcome(List<CanonicalEvent> events, String note) {

    public WebhookOutcome {
        events = List.copyOf(events);
    }

    /** Store these events and acknowledge. */
    public static WebhookOutcome accepted(CanonicalEvent... events) {
        return new WebhookOutcome(List.of(events), null);
    }

    /** Acknowledge with 200 and store nothing, for the stated reason. */
    public static WebhookOutcome ignored(String reason) {
        return new WebhookOutcome(List.of(), reason);
    }
}
