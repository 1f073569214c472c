package io.wahub.routes;

import io.wahub.sdk.InboundWebhook;
import java.util.List;

/**
 * Port the ingress route calls: verify the webhook with its connector, normalise it and store the resulting events
 * durably. Implemented by the hub.
 */
public interface WebhookIntake {

    /**
     * @return what to answer and which events are new
     * @throws ProblemException when the webhook is refused (nothing is stored then)
     */
    Receipt accept(InboundWebhook webhook);

    /**
     * The result of a successful intake.
     *
     * @param status       HTTP status to answer (202 when events were stored, 200 for duplicates and no-ops)
     * @param outcome      {@code accepted}, {@code duplicate} or {@code ignored}
     * @param note         the reason for {@code ignored}, else {@code null}
     * @param storedEvents references of the newly stored events, to announce to dispatch
     */
    record Receipt(int status, String outcome, String note, List<Ref> storedEvents) {
        public Receipt {
            storedEvents = List.copyOf(storedEvents);
        }

        /** The encoded references, for splitting onto the bus. */
        public List<String> storedEventRefs() {
            return storedEvents.stream().map(Ref::encode).toList();
        }
    }
}
