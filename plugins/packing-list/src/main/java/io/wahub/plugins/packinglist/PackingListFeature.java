package io.wahub.plugins.packinglist;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Templates;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * On {@code order.created}, sends the customer a WhatsApp message confirming the order with each item, its quantity
 * and (optionally) prices and the total: a text ({@link PackingListMessage}) while the customer-service window is
 * open, else the tenant's utility template ({@link PackingListTemplate}; the plugin ships a default one). Orders without a
 * customer phone get nothing. The idempotency key {@code packing-list:{deliveryId}} makes redelivered events and
 * retried processing send at most one message.
 */
@Extension
public class PackingListFeature implements Feature {

    public static final String ID = "packing-list";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Order confirmation & packing list";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return PackingListSettings.class;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ORDER_CREATED);
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        if (!EventTypes.ORDER_CREATED.equals(event.type())) {
            return;
        }
        String phone = event.payload().path("customer").path("phone").asText("");
        if (phone.isBlank()) {
            return;
        }
        PackingListSettings settings = context.configured()
                ? context.settings(PackingListSettings.class)
                : PackingListSettings.defaults();
        String key = ID + ":" + event.deliveryId();
        if (context.contacts().windowOpen(phone)) {
            String text = PackingListMessage.render(event.payload(), settings);
            context.send(OutboundMessage.text(phone, MessageCategory.UTILITY, text, key));
        } else {
            context.send(new OutboundMessage(phone, MessageCategory.UTILITY, null, OutboundMessage.Template.named(
                    settings.templateName(), settings.templateLanguage(),
                    PackingListTemplate.variables(event.payload(), settings)), key));
        }
    }

    /** The default packing-list template, stored for a tenant that enables the feature. */
    @Override
    public List<Templates.Draft> templates() {
        return List.of(PackingListTemplate.DEFAULT);
    }
}
