package io.wahub.hub.testplugin;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.util.Set;

/**
 * A feature of the tests' own plugin, standing in for the planned AI features: answers an order with what the
 * tenant's chat model makes of it (one chat call per event, then one message).
 */
public class ChatReplyFeature implements Feature {

    public static final String ID = "test-chat-reply";

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
        String phone = event.payload().path("customer").path("phone").asText("");
        try {
            String reply = context.chat(ChatRequest.of("Confirm the order in one sentence.",
                    "Order " + event.payload().path("orderNumber").asText())).text();
            context.send(OutboundMessage.text(phone, MessageCategory.UTILITY, reply, ID + ":" + event.deliveryId()));
        } catch (ChatFailure failure) {
            throw new IllegalStateException(failure.code() + ": " + failure.getMessage(), failure);
        }
    }
}
