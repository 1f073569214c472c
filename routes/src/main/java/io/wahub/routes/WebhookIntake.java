package io.wahub.routes;

import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.InboundWebhook;
import java.util.List;

/**
 * Port the ingress route calls: verify the webhook with its connector, normalise it and store the resulting events
 * durably. Implemented by the hub.
 */
public interface WebhookIntake {

    /**
     * @return what to answer and which events are new
     * @throws ApiProblem when the webhook is refused (nothing is stored then). Until the call has proved
     *                          where it comes from, the refusal is the same whatever the URL names: an unknown tenant,
     *                          connector or app, a connector not set up and a wrong signature answer alike.
     */
    Receipt accept(InboundWebhook webhook);

    /**
     * Answers a vendor's GET verification of a tenant's webhook URL.
     *
     * @return the plain text to answer with 200
     * @throws ApiProblem 403 when the connector refuses, and the same 403 for an unknown tenant or connector
     */
    String handshake(InboundWebhook webhook);

    /**
     * Verifies a call to an app-level URL ({@link InboundWebhook#tenantId()} is {@code null}) and stores each of its
     * events for the tenant its routing key belongs to. Events for keys no tenant claims are acknowledged and
     * dropped (logged), so the vendor does not retry them forever.
     *
     * @param app the app's name from the URL
     */
    Receipt acceptForApp(InboundWebhook webhook, String app);

    /**
     * Told of a webhook to a tenant's URL that was refused before it could be read (its body over the limit), so the
     * hub can keep a trace for the tenant. Must be cheap and must not throw: the URL is anonymous.
     */
    default void refusedUnread(String tenantId, String connectorId, ApiProblem problem) {
    }

    /** {@link #handshake} for an app-level URL. */
    String appHandshake(InboundWebhook webhook, String app);

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
