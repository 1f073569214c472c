package io.wahub.sdk;

/**
 * The canonical event catalogue: every event type a connector may emit and a feature may subscribe to. It is the
 * contract between connectors and features.
 *
 * <p>Conventions for every payload: phone numbers are E.164 with a leading {@code +}; amounts are decimal strings
 * in the payload's currency (ISO 4217, upper case); times are ISO-8601 instants; vendor ids are strings (Shopify and
 * Stripe ids exceed JavaScript's safe integers); a field with no value is omitted, never {@code null}.
 *
 * <table>
 *   <caption>Event types and who emits them</caption>
 *   <tr><th>type</th><th>emitted by (vendor event)</th><th>payload</th></tr>
 *   <tr><td>{@value #ORDER_CREATED}</td><td>shopify (orders/create), woocommerce (order.created)</td>
 *       <td>{@link #ORDER_PAYLOAD order fields}</td></tr>
 *   <tr><td>{@value #ORDER_UPDATED}</td><td>shopify (orders/updated), woocommerce (order.updated)</td>
 *       <td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_PAID}</td><td>shopify (orders/paid), woocommerce (status → processing)</td>
 *       <td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_CANCELLED}</td><td>shopify (orders/cancelled), woocommerce (status → cancelled)</td>
 *       <td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_FULFILLED}</td><td>shopify (orders/fulfilled), woocommerce (status → completed)</td>
 *       <td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_REFUNDED}</td><td>woocommerce (status → refunded)</td><td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_DELIVERED}</td><td>woocommerce (status → delivered, a status delivery plugins add)</td>
 *       <td>order fields</td></tr>
 *   <tr><td>{@value #FULFILLMENT_CREATED}</td><td>shopify (fulfillments/create)</td>
 *       <td>{@link #FULFILLMENT_PAYLOAD fulfillment fields}</td></tr>
 *   <tr><td>{@value #FULFILLMENT_UPDATED}</td><td>shopify (fulfillments/update: the carrier's shipment status
 *       changed, up to {@code delivered})</td><td>fulfillment fields</td></tr>
 *   <tr><td>{@value #REFUND_CREATED}</td><td>shopify (refunds/create)</td>
 *       <td>{@link #REFUND_PAYLOAD refund fields}</td></tr>
 *   <tr><td>{@value #CHECKOUT_CREATED}</td><td>shopify (checkouts/create)</td>
 *       <td>{@link #CHECKOUT_PAYLOAD checkout fields}</td></tr>
 *   <tr><td>{@value #PAYMENT_SUCCEEDED}</td><td>stripe (checkout.session.completed when paid,
 *       checkout.session.async_payment_succeeded, payment_intent.succeeded)</td>
 *       <td>{@link #PAYMENT_PAYLOAD payment fields}</td></tr>
 *   <tr><td>{@value #PAYMENT_FAILED}</td><td>stripe (payment_intent.payment_failed,
 *       checkout.session.async_payment_failed, invoice.payment_failed)</td><td>payment fields</td></tr>
 *   <tr><td>{@value #PAYMENT_REFUNDED}</td><td>stripe (charge.refunded)</td><td>payment fields</td></tr>
 *   <tr><td>{@value #INVOICE_PAID}</td><td>stripe (invoice.paid)</td><td>payment fields</td></tr>
 *   <tr><td>{@value #MESSAGE_RECEIVED}</td><td>whatsapp-cloud (messages[]), evolution gateway
 *       (messages.upsert)</td><td>{@link #MESSAGE_RECEIVED_PAYLOAD inbound message fields}</td></tr>
 *   <tr><td>{@value #MESSAGE_STATUS}</td><td>whatsapp-cloud (statuses[]), evolution gateway (messages.update)</td>
 *       <td>{@link #MESSAGE_STATUS_PAYLOAD status fields}; the hub also applies it to the outbox</td></tr>
 *   <tr><td>{@value #TIMER_DUE}</td><td>the hub (source {@code timer}), when a feature's timer falls due; internal:
 *       handed only to that feature's {@link Feature#onTimer}, never to {@link Feature#onEvent}, but listed with
 *       the tenant's events</td><td>{@link #TIMER_DUE_PAYLOAD timer fields}</td></tr>
 *   <tr><td>{@value #CONTACT_PREFERENCES}</td><td>whatsapp-cloud (user_preferences: the customer stopped or
 *       resumed marketing messages in WhatsApp)</td><td>{@link #CONTACT_PREFERENCES_PAYLOAD preference fields};
 *       the hub records it as the contact's marketing consent</td></tr>
 *   <tr><td>{@value #TEMPLATE_STATUS}</td><td>whatsapp-cloud (message_template_status_update,
 *       message_template_quality_update)</td><td>{@link #TEMPLATE_STATUS_PAYLOAD template status fields}; the hub
 *       applies it to the tenant's stored template</td></tr>
 *   <tr><td>{@value #CONTACT_CREATED}</td><td>the hub (source {@code contacts}) when a contact is created one at a
 *       time: by the contacts API, an inbound message, an order, a consent decision or a feature (not by a CSV
 *       import), for tenants that enabled a feature subscribed to it</td><td>{@link #CONTACT_CREATED_PAYLOAD contact
 *       fields}</td></tr>
 * </table>
 */
public final class EventTypes {

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_UPDATED = "order.updated";
    public static final String ORDER_PAID = "order.paid";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String ORDER_FULFILLED = "order.fulfilled";
    public static final String ORDER_REFUNDED = "order.refunded";
    public static final String ORDER_DELIVERED = "order.delivered";
    public static final String FULFILLMENT_CREATED = "fulfillment.created";
    public static final String FULFILLMENT_UPDATED = "fulfillment.updated";
    public static final String REFUND_CREATED = "refund.created";
    public static final String CHECKOUT_CREATED = "checkout.created";
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String MESSAGE_STATUS = "message.status";
    public static final String TIMER_DUE = "timer.due";
    public static final String CONTACT_PREFERENCES = "contact.preferences";
    public static final String TEMPLATE_STATUS = "template.status";
    public static final String CONTACT_CREATED = "contact.created";

    /**
     * Fields of every {@code order.*} payload.
     * <ul>
     *   <li>{@code orderId} (string): the vendor's order id</li>
     *   <li>{@code orderNumber} (string): the number the customer sees, for example {@code #1001}</li>
     *   <li>{@code status} (string, optional): the vendor's own order status (WooCommerce: {@code processing},
     *       {@code completed}, …)</li>
     *   <li>{@code currency} (string): ISO 4217 code</li>
     *   <li>{@code total} (string): grand total, decimal</li>
     *   <li>{@code customer}: {@code {firstName, lastName, email, phone}}; {@code phone} is E.164 or absent</li>
     *   <li>{@code lineItems}: array of {@code {sku, title, quantity, price}}</li>
     *   <li>{@code shopName} (string, optional): the shop's name or domain</li>
     *   <li>{@code financialStatus}, {@code fulfillmentStatus} (strings, optional): Shopify's
     *       {@code financial_status} and {@code fulfillment_status}</li>
     *   <li>{@code paymentMethod} (string, optional): WooCommerce {@code payment_method}; Shopify
     *       {@code payment_gateway_names} joined with {@code ", "}</li>
     *   <li>{@code cashOnDelivery} (boolean): WooCommerce {@code payment_method} {@code cod}; Shopify a gateway name
     *       containing "cash on delivery" (any case) or equal to {@code cod}</li>
     *   <li>{@code subtotal}, {@code shippingTotal}, {@code taxTotal}, {@code refundedTotal} (decimal strings,
     *       optional)</li>
     *   <li>{@code lineItems[].variant} (string, optional): the variant's name ({@code M}); the title already
     *       names it</li>
     *   <li>{@code shippingAddress} (optional): {@code {name, city, postcode, country}} (country ISO 3166 alpha-2),
     *       no street</li>
     *   <li>{@code tracking} (optional): {@code {carrier, number, url}}, the latest shipment's</li>
     * </ul>
     */
    public static final String ORDER_PAYLOAD = "order";

    /**
     * Fields of {@value #FULFILLMENT_CREATED}: {@code fulfillmentId}, {@code orderId}, {@code orderNumber}
     * (optional), {@code status}, {@code carrier}, {@code trackingNumber}, {@code trackingUrl} (each optional),
     * {@code customer} (as in order fields, when the vendor sends it), {@code lineItems}, {@code shopName};
     * {@code shipmentStatus} (optional): the carrier's progress as Shopify reports it ({@code in_transit},
     * {@code out_for_delivery}, {@code delivered}, {@code failure}, …).
     */
    public static final String FULFILLMENT_PAYLOAD = "fulfillment";

    /**
     * Fields of {@value #REFUND_CREATED}: {@code refundId}, {@code orderId}, {@code currency} and {@code amount}
     * (decimal string: the sum of the refund's successful refund transactions; optional), {@code note} (optional),
     * {@code shopName}.
     */
    public static final String REFUND_PAYLOAD = "refund";

    /**
     * Fields of {@value #CHECKOUT_CREATED} (a started, not yet completed checkout, for abandoned-cart drips):
     * {@code checkoutId}, {@code checkoutToken}, {@code recoveryUrl} (the link back to the cart), {@code currency},
     * {@code total}, {@code customer}, {@code lineItems}, {@code shopName}.
     */
    public static final String CHECKOUT_PAYLOAD = "checkout";

    /**
     * Fields of {@code payment.*} and {@value #INVOICE_PAID} payloads.
     * <ul>
     *   <li>{@code paymentId} (string): id of the vendor object the event is about ({@code cs_…}, {@code pi_…},
     *       {@code in_…}, {@code ch_…})</li>
     *   <li>{@code object} (string): the vendor object kind ({@code checkout.session}, {@code payment_intent},
     *       {@code invoice}, {@code charge})</li>
     *   <li>{@code paymentIntentId} (string, optional): the payment intent behind it; one payment can produce a
     *       {@code payment.succeeded} for its checkout session and another for its payment intent, so features
     *       key their idempotency on this</li>
     *   <li>{@code invoiceId}, {@code orderId} (optional): the invoice, and the shop's order id from the metadata
     *       key {@code order_id} or the checkout's {@code client_reference_id}</li>
     *   <li>{@code currency} (string), {@code amount} (decimal string), {@code amountMinor} (integer, minor units
     *       as the vendor sends it); for {@value #PAYMENT_REFUNDED} the refunded amount</li>
     *   <li>{@code customer}: {@code {name, email, phone}}, each optional</li>
     *   <li>{@code failureMessage} (optional): why a payment failed</li>
     *   <li>{@code livemode} (boolean)</li>
     *   <li>{@code metadata} (object of strings, optional): the vendor object's metadata as the vendor sent it; a
     *       payment page made through {@link PaymentLinks} carries {@code invoice_id} (its
     *       {@link PaymentLinks.Request#invoiceId()}), which is how a feature matches a payment to its invoice</li>
     * </ul>
     */
    public static final String PAYMENT_PAYLOAD = "payment";

    /**
     * Fields of {@value #MESSAGE_RECEIVED}.
     * <ul>
     *   <li>{@code channel} (string): the channel connector id ({@code whatsapp-cloud}, {@code evolution})</li>
     *   <li>{@code messageId} (string): the channel's message id (a WhatsApp {@code wamid})</li>
     *   <li>{@code from} (string): the customer's number, E.164</li>
     *   <li>{@code name} (string, optional): the customer's profile name</li>
     *   <li>{@code kind} (string): {@code text}, {@code button} (quick reply to a template),
     *       {@code interactive} (button or list reply), or the vendor's type for anything else (image, …)</li>
     *   <li>{@code text} (string, optional): the text, or the title of the chosen button/list row</li>
     *   <li>{@code buttonPayload} (string, optional): the chosen button's payload or reply id</li>
     *   <li>{@code replyTo} (string, optional): id of the message this one answers</li>
     * </ul>
     */
    public static final String MESSAGE_RECEIVED_PAYLOAD = "message";

    /**
     * Fields of {@value #MESSAGE_STATUS}: {@code channel}, {@code providerMessageId} (the id the channel returned
     * when the message was sent), {@code status} ({@code sent}, {@code delivered}, {@code read}, {@code failed}),
     * {@code recipient} (E.164, optional), {@code errorCode} and {@code error} (for {@code failed}).
     */
    public static final String MESSAGE_STATUS_PAYLOAD = "status";

    /**
     * Fields of {@value #TIMER_DUE}: {@code feature} (the id of the feature that scheduled it), {@code key} (its key),
     * {@code data} (the JSON scheduled with it, {@code null} when none). The event's {@code occurredAt} is the
     * instant the timer was due, its source {@code timer} and its delivery id {@code <feature>:<key>:<due instant in
     * epoch microseconds>}: a key scheduled again for the very instant it already fired at does not fire again.
     */
    public static final String TIMER_DUE_PAYLOAD = "timer";

    /**
     * Fields of {@value #CONTACT_PREFERENCES}.
     * <ul>
     *   <li>{@code channel} (string): the channel connector id ({@code whatsapp-cloud})</li>
     *   <li>{@code from} (string): the customer's number, E.164</li>
     *   <li>{@code name} (string, optional): the customer's profile name</li>
     *   <li>{@code category} (string): what the preference is about; {@code marketing}</li>
     *   <li>{@code preference} (string): {@code stop} (no more marketing messages) or {@code resume}</li>
     *   <li>{@code detail} (string, optional): the channel's description of the change</li>
     *   <li>{@code phoneNumberId} (string, Cloud API): the business number the preference is about</li>
     * </ul>
     */
    public static final String CONTACT_PREFERENCES_PAYLOAD = "preferences";

    /**
     * Fields of {@value #TEMPLATE_STATUS}: a change of one of the tenant's templates at the channel's vendor
     * (Meta reviewed, paused, disabled it, or its quality rating changed).
     * <ul>
     *   <li>{@code channel} (string): the channel connector id ({@code whatsapp-cloud})</li>
     *   <li>{@code name} (string), {@code language} (string, {@code en_US} form): which template</li>
     *   <li>{@code templateId} (string): the vendor's template id</li>
     *   <li>{@code status} (string, optional): the new approval status, upper case: {@code APPROVED},
     *       {@code PENDING}, {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, {@code FLAGGED},
     *       {@code IN_APPEAL}, {@code ARCHIVED}, {@code PENDING_DELETION}, {@code DELETED},
     *       {@code LIMIT_EXCEEDED}; absent for a quality change</li>
     *   <li>{@code reason} (string, optional): why, as the vendor says it (a rejection reason such as
     *       {@code INVALID_FORMAT}, or the explanation of a pause)</li>
     *   <li>{@code quality} (string, optional): the new quality rating ({@code GREEN}, {@code YELLOW},
     *       {@code RED}, {@code UNKNOWN}); present for a quality change only</li>
     *   <li>{@code category} (string, optional): the template's category as the vendor has it</li>
     *   <li>{@code accountId} (string, optional): the vendor account that owns the template (the WhatsApp
     *       Business Account id)</li>
     * </ul>
     */
    public static final String TEMPLATE_STATUS_PAYLOAD = "template";

    /**
     * Fields of {@value #CONTACT_CREATED} (emitted by the hub in the transaction that created the contact, source
     * {@code contacts}, delivery id {@code contact:<contact id>:created}, so once per contact): {@code contactId},
     * {@code phone} (E.164), {@code name} (optional), {@code source} (who created it: {@code api}, {@code whatsapp},
     * {@code order}, {@code feature}, …). A contact created by a CSV import emits none (an import is no welcome).
     */
    public static final String CONTACT_CREATED_PAYLOAD = "contact";

    private EventTypes() {
    }
}
