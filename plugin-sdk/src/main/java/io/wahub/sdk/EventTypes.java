package io.wahub.sdk;

/**
 * The canonical event catalogue: every event type a connector may emit and a feature may subscribe to.
 *
 * <p>Payload fields are listed per type. Phone numbers are always E.164 with a leading {@code +}; amounts are
 * decimal strings in the order's currency; times are ISO-8601 instants.
 *
 * <table>
 *   <caption>Event types</caption>
 *   <tr><th>type</th><th>emitted by</th><th>payload</th></tr>
 *   <tr><td>{@value #ORDER_CREATED}</td><td>shopify (orders/create)</td>
 *       <td>{@link #ORDER_PAYLOAD order fields}</td></tr>
 *   <tr><td>{@value #ORDER_UPDATED}</td><td>shopify (orders/updated)</td><td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_PAID}</td><td>shopify (orders/paid)</td><td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_CANCELLED}</td><td>shopify (orders/cancelled)</td><td>order fields</td></tr>
 *   <tr><td>{@value #ORDER_FULFILLED}</td><td>shopify (orders/fulfilled)</td><td>order fields</td></tr>
 *   <tr><td>{@value #MESSAGE_RECEIVED}</td><td>whatsapp channels (inbound)</td>
 *       <td>{@code from}, {@code name}, {@code text}, {@code messageId}</td></tr>
 * </table>
 */
public final class EventTypes {

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_UPDATED = "order.updated";
    public static final String ORDER_PAID = "order.paid";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String ORDER_FULFILLED = "order.fulfilled";
    public static final String MESSAGE_RECEIVED = "message.received";

    /**
     * Fields of every {@code order.*} payload.
     * <ul>
     *   <li>{@code orderId} (string): the vendor's order id</li>
     *   <li>{@code orderNumber} (string): the number the customer sees, for example {@code #1001}</li>
     *   <li>{@code currency} (string): ISO 4217 code</li>
     *   <li>{@code total} (string): grand total, decimal</li>
     *   <li>{@code customer}: {@code {firstName, lastName, email, phone}}; {@code phone} is E.164 or absent</li>
     *   <li>{@code lineItems}: array of {@code {sku, title, quantity, price}}</li>
     *   <li>{@code shopName} (string, optional): the shop's name or domain</li>
     * </ul>
     */
    public static final String ORDER_PAYLOAD = "order";

    private EventTypes() {
    }
}
