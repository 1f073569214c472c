package io.wahub.sdk;

import java.util.List;
import java.util.Optional;

/**
 * Accepts a vendor's webhooks at {@code POST /webhooks/{tenant}/{id()}}.
 *
 * <p>The hub calls {@link #receive} synchronously while the vendor waits, so it must be fast and do no I/O: verify
 * the signature over the raw bytes, check the sender, and normalise the payload into canonical events. The hub
 * then stores the events durably (dropping duplicates by delivery id) before it acknowledges, and features run
 * afterwards.
 *
 * <p>Optional behaviour, as default methods that refuse:
 * <ul>
 *   <li>{@link #handshake}: a vendor's GET verification on the same URL (Meta's {@code hub.challenge});</li>
 *   <li>{@link #receiveForApp}, {@link #appHandshake} and {@link #routingKey}: one URL per vendor app,
 *       {@code /webhooks/apps/{id()}/{app}}, whose calls carry events of many tenants. The connector verifies the
 *       call with the app's {@link AppConfig} and labels each event with a routing key; the hub finds the tenant
 *       whose settings give the same {@link #routingKey} and who proved, with {@link #proveRoutingKey}, that it
 *       controls that key.</li>
 * </ul>
 */
public interface WebhookConnector extends WahubExtension {

    /**
     * Verifies and normalises one webhook call.
     *
     * @param webhook the call as received
     * @param context the tenant's settings for this connector
     * @return the events to store, or an acknowledged no-op
     * @throws WebhookRejection when the call must be refused; nothing is stored
     */
    WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection;

    /**
     * Answers a vendor's GET verification of the tenant's webhook URL.
     *
     * @return the plain-text body to answer with status 200 (for Meta: the {@code hub.challenge})
     * @throws WebhookRejection to refuse; the hub answers 403 for {@link WebhookRejection.Reason#FOREIGN_SOURCE}
     *                          and {@link WebhookRejection.Reason#BAD_SIGNATURE}, else the reason's status
     */
    default String handshake(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        throw new WebhookRejection(WebhookRejection.Reason.UNSUPPORTED, id() + " has no GET verification");
    }

    /** Like {@link #handshake}, for the app-level URL, with the app's configuration instead of a tenant's. */
    default String appHandshake(InboundWebhook webhook, AppConfig app) throws WebhookRejection {
        throw new WebhookRejection(WebhookRejection.Reason.UNSUPPORTED, id() + " has no app-level webhook");
    }

    /**
     * Verifies a call to the app-level URL and splits it into events labelled with their routing key. Same rules
     * as {@link #receive}: fast, no I/O, refuse by throwing.
     */
    default List<RoutedEvent> receiveForApp(InboundWebhook webhook, AppConfig app) throws WebhookRejection {
        throw new WebhookRejection(WebhookRejection.Reason.UNSUPPORTED, id() + " has no app-level webhook");
    }

    /**
     * The key that routes app-level events to this tenant, read from the tenant's settings (for WhatsApp Cloud:
     * its {@code phoneNumberId}). The hub calls it when the tenant saves settings and keeps an index.
     */
    default Optional<String> routingKey(PluginContext context) {
        return Optional.empty();
    }

    /**
     * Shows that the tenant controls {@code routingKey} before the hub routes the app-level URL's events for it to
     * the tenant: typing a number id into the settings proves nothing, or any tenant could receive another's
     * messages. For WhatsApp Cloud: an authenticated call to the Graph API for that number with the tenant's token.
     *
     * <p>The hub calls it when the tenant saves settings giving a key it does not hold yet, and when the tenant asks
     * to verify again; never inside a database transaction. It may do I/O, through {@link PluginContext#http()} only,
     * and for a proof that client reaches only the hosts the operator trusts for this connector's proofs
     * ({@code wahub.routing.proof-hosts.<id>}, for WhatsApp Cloud {@code graph.facebook.com}): an answer from a host
     * the tenant chose proves nothing. A key a tenant proved while another tenant holds it is not moved: the hub
     * records a dispute that the operator resolves.
     *
     * @param routingKey the key {@link #routingKey} gave for the tenant's settings
     * @return proven, or not with the reason; the default proves nothing (such keys are never routed until the
     *         operator assigns them)
     */
    default RoutingKeyProof proveRoutingKey(String routingKey, PluginContext context) {
        return RoutingKeyProof.notProven(id() + " cannot prove control of a routing key; the operator can assign it");
    }

    /**
     * A signed sample webhook for the tenant whose context this is ({@link SampleWebhook}), for the panel's "send
     * test event". Called on a request thread, outside any transaction.
     *
     * @return empty when the connector cannot sign one (the default) or the tenant has not set it up
     */
    default java.util.Optional<SampleWebhook> sampleWebhook(PluginContext context) {
        return java.util.Optional.empty();
    }
}
