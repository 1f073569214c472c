package io.wahub.hub.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What the send policy decided for one message that is not sent now: {@code suppressed} (never sent) or
 * {@code deferred} (sent at {@code until} at the earliest), with a stable reason code for programs and a sentence
 * for the shop's people.
 *
 * @param status   {@code suppressed} or {@code deferred}
 * @param code     stable, kebab-case: {@code window-closed}, {@code undeliverable-number}, …
 * @param sentence what happened, in a sentence a shop owner understands
 * @param until    for a deferral: when the message is due again; else null
 */
public record PolicyDecision(String status, String code, String sentence, Instant until) {

    public static final String SUPPRESSED = "suppressed";
    public static final String DEFERRED = "deferred";

    public PolicyDecision {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sentence, "sentence");
        if (status.equals(DEFERRED) != (until != null)) {
            throw new IllegalArgumentException("a deferral, and only a deferral, has a time");
        }
    }

    public static PolicyDecision suppress(String code, String sentence) {
        return new PolicyDecision(SUPPRESSED, code, sentence, null);
    }

    public static PolicyDecision defer(String code, String sentence, Instant until) {
        return new PolicyDecision(DEFERRED, code, sentence, until);
    }
}
