package io.wahub.sdk;

import java.util.Objects;

/**
 * Writes a decision about an order back to the store it came from (the customer confirmed or cancelled a
 * cash-on-delivery order): a store connector implements it next to its {@link WebhookConnector}, with the same
 * {@link #id()} and settings type, so it calls the store's API with the tenant's store credentials.
 *
 * <p>Features reach it through {@link FeatureContext#writeBack}, which picks the extension whose id is the order
 * event's {@link CanonicalEvent#source() source}. The hub calls {@link #write} on the feature's thread with no
 * database transaction open; it must call out only through {@link PluginContext#http()}.
 *
 * <p>Idempotent: writing the same update twice leaves the order as writing it once (a tag added again, a status set
 * again); a note may be added twice, so a caller repeats only after a failure.
 */
public interface OrderWriteBack extends WahubExtension {

    /**
     * Applies the update to the order in the store.
     *
     * @throws Failure when the store refused it or could not be reached; {@link Failure#transientFailure()} says
     *                 whether trying again later may succeed
     */
    void write(Update update, PluginContext context) throws Failure;

    /** What was decided about an order. */
    enum Decision {
        /** The customer confirmed the order. */
        CONFIRMED,
        /** The customer cancelled it, or nobody answered and it was cancelled for them. */
        CANCELLED
    }

    /**
     * One update.
     *
     * @param orderId  the store's order id, as in the order payload's {@code orderId}
     * @param decision what to write
     * @param note     a sentence for the store's staff (why), or {@code null}
     */
    record Update(String orderId, Decision decision, String note) {
        public Update {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** An update the store refused or that could not be delivered; codes such as {@code http-401}, {@code timeout}. */
    class Failure extends ConnectorFailure {
        public Failure(String code, String detail, boolean transientFailure, Throwable cause) {
            super(code, detail, transientFailure, cause);
        }
    }
}
