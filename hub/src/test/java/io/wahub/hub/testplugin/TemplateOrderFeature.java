package io.wahub.hub.testplugin;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.util.Map;
import java.util.Set;

/**
 * A feature of the tests' own plugin that answers an order with the tenant's stored template
 * {@value #TEMPLATE}, by name and with named variables ({@code first_name}, {@code order_number},
 * {@code order_id}), its language left to the stored template.
 */
public class TemplateOrderFeature implements Feature {

    public static final String ID = "test-template-order";
    public static final String TEMPLATE = "order_update";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ORDER_CREATED);
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        var order = event.payload();
        String phone = order.path("customer").path("phone").asText("");
        var template = OutboundMessage.Template.named(TEMPLATE, null, Map.of(
                "first_name", order.path("customer").path("firstName").asText(),
                "order_number", order.path("orderNumber").asText(),
                "order_id", order.path("orderId").asText()));
        context.send(new OutboundMessage(phone, MessageCategory.UTILITY, null, template, ID + ":" + event.deliveryId()));
    }
}
