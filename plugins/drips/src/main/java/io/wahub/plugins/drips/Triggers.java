package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What events do to journeys: a checkout, a fulfilled order or a new contact enrols the customer into the active
 * campaigns with that trigger; an order ends the journeys whose goal it is (its total recorded as the goal's
 * revenue) and is remembered for conditions; an inbound message or a WhatsApp preference change that left the
 * contact without marketing consent (STOP, …; the hub recorded it first) ends all their journeys at once, any other
 * inbound message is a reply ({@link Activity#reply}); status reports go to {@link Activity#status}.
 */
final class Triggers {

    static final Set<String> EVENT_TYPES = Set.of(EventTypes.CHECKOUT_CREATED, EventTypes.ORDER_CREATED,
            EventTypes.ORDER_PAID, EventTypes.ORDER_FULFILLED, EventTypes.MESSAGE_RECEIVED,
            EventTypes.CONTACT_PREFERENCES, EventTypes.MESSAGE_STATUS, EventTypes.CONTACT_CREATED);
    private static final String E164 = "\\+[1-9]\\d{6,14}";

    private Triggers() {
    }

    static void on(CanonicalEvent event, FeatureContext context) {
        JsonNode payload = event.payload();
        switch (event.type()) {
            case EventTypes.MESSAGE_STATUS -> Activity.status(event, context);
            case EventTypes.CONTACT_CREATED -> {
                String phone = payload.path("phone").asText("");
                if (phone.matches(E164)) {
                    Map<String, String> variables = new HashMap<>();
                    String name = payload.path("name").asText("").strip();
                    if (!name.isEmpty()) {
                        variables.put("firstName", name.split("\\s+")[0]);
                    }
                    for (Campaign campaign : Campaigns.activeFor(context.store(), EventTypes.CONTACT_CREATED)) {
                        Journey.enrol(context, campaign, phone, variables);
                    }
                }
            }
            case EventTypes.MESSAGE_RECEIVED, EventTypes.CONTACT_PREFERENCES -> {
                String from = payload.path("from").asText("");
                if (!from.matches(E164)) {
                    return;
                }
                var consent = context.contacts().consent(from, MessageCategory.MARKETING);
                if (consent.status().equals("opted-out")) {
                    Journey.exitAll(context, from, "opted-out");
                } else if (event.type().equals(EventTypes.MESSAGE_RECEIVED)) {
                    Activity.reply(event, context, from);
                }
            }
            default -> {
                String phone = payload.path("customer").path("phone").asText("");
                if (!phone.matches(E164)) {
                    return;
                }
                if (!event.type().equals(EventTypes.CHECKOUT_CREATED)) {
                    String ref = payload.path("orderId").asText(event.deliveryId());
                    Facts.contactDid(context.store(), phone, "order", ref, context.clock().instant());
                }
                for (Campaign campaign : Campaigns.withGoal(context.store(), event.type())) {
                    Enrolments.active(context.store(), campaign.id(), phone)
                            .ifPresent(enrolment -> goal(context, enrolment, payload));
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

    /** The order ends the journey as {@code goal}; its total is the recovered revenue. */
    private static void goal(FeatureContext context, Enrolment enrolment, JsonNode order) {
        if (Journey.exit(context, enrolment, "goal")) {
            String currency = order.path("currency").asText("");
            try {
                Facts.goalOrder(context.store(), enrolment.id(), Money.toMinor(order.path("total").asText(""),
                        currency), currency);
            } catch (IllegalArgumentException e) {
                // an order without a readable total still reaches the goal; it adds no revenue
            }
            Facts.once(context.store(), enrolment, "", "goal", context.clock().instant());
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
