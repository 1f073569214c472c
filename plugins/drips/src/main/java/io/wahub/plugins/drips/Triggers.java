package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What events do to journeys: a checkout or a fulfilled order enrols the customer into the active campaigns with that
 * trigger; an order ends the journeys whose goal it is; an inbound message or a WhatsApp preference change that left
 * the contact without marketing consent (STOP, …; the hub recorded it first) ends all their journeys at once.
 */
final class Triggers {

    static final Set<String> EVENT_TYPES = Set.of(EventTypes.CHECKOUT_CREATED, EventTypes.ORDER_CREATED,
            EventTypes.ORDER_PAID, EventTypes.ORDER_FULFILLED, EventTypes.MESSAGE_RECEIVED,
            EventTypes.CONTACT_PREFERENCES);

    private Triggers() {
    }

    static void on(CanonicalEvent event, FeatureContext context) {
        JsonNode payload = event.payload();
        switch (event.type()) {
            case EventTypes.MESSAGE_RECEIVED, EventTypes.CONTACT_PREFERENCES -> {
                String from = payload.path("from").asText("");
                if (from.matches("\\+[1-9]\\d{6,14}")
                        && !context.contacts().consent(from, MessageCategory.MARKETING).allowed()) {
                    Journey.exitAll(context, from, "opted-out");
                }
            }
            default -> {
                String phone = payload.path("customer").path("phone").asText("");
                if (!phone.matches("\\+[1-9]\\d{6,14}")) {
                    return;
                }
                for (Campaign campaign : Campaigns.withGoal(context.store(), event.type())) {
                    Enrolments.active(context.store(), campaign.id(), phone).ifPresent(enrolment -> {
                        if (Journey.exit(context, enrolment, "goal")) {
                            Enrolments.count(context.store(), campaign.id(), "", enrolment.holdout(), "goal");
                        }
                    });
                }
                if (event.type().equals(EventTypes.CHECKOUT_CREATED) || event.type().equals(EventTypes.ORDER_FULFILLED)) {
                    Map<String, String> variables = variables(payload);
                    for (Campaign campaign : Campaigns.activeFor(context.store(), event.type())) {
                        Journey.enrol(context, campaign, phone, variables);
                    }
                }
            }
        }
    }

    /** The trigger's values for templates ({@code {{event.firstName}}}, …). */
    static Map<String, String> variables(JsonNode payload) {
        Map<String, String> values = new HashMap<>();
        JsonNode customer = payload.path("customer");
        put(values, "firstName", customer.path("firstName"));
        put(values, "lastName", customer.path("lastName"));
        for (String field : new String[] {"recoveryUrl", "checkoutId", "orderId", "orderNumber", "total", "currency",
                "shopName"}) {
            put(values, field, payload.path(field));
        }
        return values;
    }

    private static void put(Map<String, String> values, String name, JsonNode value) {
        if (value.isValueNode() && !value.asText().isBlank()) {
            values.put(name, value.asText());
        }
    }
}
