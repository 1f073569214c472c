package io.wahub.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Durable timers of a feature for the current tenant, reached through {@link FeatureContext#timers()}: work for
 * later (expire a code, remind a customer, send the next message of a drip) that survives restarts and crashes.
 *
 * <p>Keys are the feature's own, per tenant: two features, or two tenants, may use the same key without meeting.
 * Choose keys with a structure you can cancel by prefix, for example {@code verification:<id>:expiry}.
 *
 * <p>Transactional: what a run schedules and cancels takes effect only when the run succeeds, together with the
 * messages it sent (for an event or a timer: in the transaction that marks it done). A run that throws changes no
 * timer, and a run that is repeated (at-least-once processing) makes its changes again, which is harmless: scheduling
 * a key replaces it, and cancelling a key that does not exist does nothing. Within a run the calls apply in order.
 *
 * <p>When a timer is due the hub removes it and hands it to {@link Feature#onTimer} of the feature that scheduled it,
 * for that tenant, through the same path as events; see there for its guarantees. A timer fires at or after its
 * instant, never before; timers that fell due while no hub was running fire as soon as one starts.
 *
 * <p>Threading: the object belongs to the run that got it; do not keep it beyond the run.
 */
public interface Timers {

    /**
     * Schedules {@code key} to fire at {@code at} (an instant in the past fires as soon as possible). If the key is
     * already scheduled, it is replaced: it fires once, at the new instant, with the new data.
     *
     * @param data small JSON handed back in {@link Timer#data()}, or {@code null}
     * @throws IllegalArgumentException if the key is empty or longer than {@value Timer#MAX_KEY_LENGTH} characters,
     *                                  or the data is larger than {@value Timer#MAX_DATA_BYTES} bytes
     */
    void schedule(String key, Instant at, JsonNode data);

    /** Cancels {@code key} if it is scheduled and has not fired yet; otherwise does nothing. */
    void cancel(String key);

    /**
     * Cancels every scheduled timer of this feature and tenant whose key starts with {@code prefix}.
     *
     * @throws IllegalArgumentException if the prefix is empty or longer than {@value Timer#MAX_KEY_LENGTH} characters
     */
    void cancelPrefix(String prefix);
}
