package io.wahub.plugins.orders;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Templates;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Order notifications: keeps the tenant's orders from Shopify and WooCommerce events (API and panel: list, search,
 * detail) and tells the customer when an order ships, is delivered, cancelled or refunded ({@link OrderLifecycle}).
 * The order confirmation with the packing list stays with the packing-list feature.
 */
@Extension
public class OrdersFeature implements Feature, FeatureApi, FeaturePanel {

    public static final String ID = "orders";

    private final OrderLifecycle lifecycle = new OrderLifecycle();
    private final OrdersApi api = new OrdersApi(lifecycle.orders());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Order notifications";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return OrdersSettings.class;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_UPDATED, EventTypes.ORDER_PAID,
                EventTypes.ORDER_FULFILLED, EventTypes.ORDER_DELIVERED, EventTypes.ORDER_CANCELLED,
                EventTypes.ORDER_REFUNDED, EventTypes.FULFILLMENT_CREATED, EventTypes.FULFILLMENT_UPDATED,
                EventTypes.REFUND_CREATED, EventTypes.PAYMENT_REFUNDED);
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        lifecycle.handle(event, context);
    }

    @Override
    public List<Templates.Draft> templates() {
        return Notice.DRAFTS;
    }

    @Override
    public List<ApiOperation> operations() {
        return api.operations();
    }

    @Override
    public List<PanelResource> resources() {
        List<PanelResource.Column> columns = List.of(
                new PanelResource.Column("number", "Order", "text"),
                new PanelResource.Column("status", "Status", "status"),
                new PanelResource.Column("customerName", "Customer", "text"),
                new PanelResource.Column("phone", "Phone", "text"),
                new PanelResource.Column("total", "Total", "text"),
                new PanelResource.Column("createdAt", "Created", "datetime"));
        List<PanelResource.Column> detail = List.of(
                new PanelResource.Column("number", "Order", "text"),
                new PanelResource.Column("status", "Status", "status"),
                new PanelResource.Column("financialStatus", "Payment status", "text"),
                new PanelResource.Column("fulfillmentStatus", "Fulfilment status", "text"),
                new PanelResource.Column("paymentMethod", "Payment method", "text"),
                new PanelResource.Column("cashOnDelivery", "Cash on delivery", "boolean"),
                new PanelResource.Column("customerName", "Customer", "text"),
                new PanelResource.Column("phone", "Phone", "text"),
                new PanelResource.Column("email", "Email", "text"),
                new PanelResource.Column("shippingAddress", "Ships to", "text"),
                new PanelResource.Column("subtotal", "Subtotal", "text"),
                new PanelResource.Column("shipping", "Shipping", "text"),
                new PanelResource.Column("tax", "Tax", "text"),
                new PanelResource.Column("total", "Total", "text"),
                new PanelResource.Column("refunded", "Refunded", "text"),
                new PanelResource.Column("createdAt", "Created", "datetime"),
                new PanelResource.Column("updatedAt", "Updated", "datetime"));
        return List.of(new PanelResource("orders", "Orders",
                new PanelResource.Listing("/orders", columns, List.of(
                        new PanelResource.Filter("q", "Search (number, phone, email, name)", List.of()),
                        new PanelResource.Filter("phone", "Customer's number (E.164)", List.of()),
                        new PanelResource.Filter("status", "Status", Order.STATUSES))),
                new PanelResource.Detail("/orders/{id}", detail), List.of(), null));
    }
}
