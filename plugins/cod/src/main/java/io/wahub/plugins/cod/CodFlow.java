package io.wahub.plugins.cod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The life of one confirmation, driven by events and durable timers (keys {@code {step}:{source}:{orderId}}, the
 * order in the timer's data):
 * <ol>
 *   <li>{@code order.created} paid cash on delivery, with a phone: recorded {@code scheduled}; timer {@code ask} after
 *       the delay;</li>
 *   <li>{@code ask}: the template with Confirm / Cancel (status {@code awaiting}); timer {@code remind};</li>
 *   <li>{@code remind}: the template again; timer {@code expire};</li>
 *   <li>{@code expire}: cancelled (and written back) or {@code needs-attention}, as the settings say;</li>
 *   <li>a button reply: {@code confirmed} or {@code cancelled}, thanked, written back ({@link WriteBacks}); a reply
 *       to a confirmation no longer open is answered politely and not applied;</li>
 *   <li>{@code order.cancelled} from the store: {@code cancelled-in-store}, its timers cancelled.</li>
 * </ol>
 * Every message has an idempotency key of its step, so a repeated event or timer sends nothing twice.
 */
final class CodFlow {

    static final String ASK = "ask";
    static final String REMIND = "remind";
    static final String EXPIRE = "expire";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CodFlow() {
    }

    static void orderCreated(CanonicalEvent event, FeatureContext context) {
        JsonNode order = event.payload();
        String phone = order.path("customer").path("phone").asText("");
        String orderId = order.path("orderId").asText("");
        if (!order.path("cashOnDelivery").asBoolean(false) || phone.isBlank() || orderId.isBlank()) {
            return;
        }
        CodSettings settings = settings(context);
        Instant now = context.clock().instant();
        Confirmation c = new Confirmation(event.source(), orderId, text(order, "orderNumber"), phone,
                text(order.path("customer"), "firstName"), text(order, "total"), text(order, "currency"),
                Confirmation.SCHEDULED, now, null, null, null, null, null, null, 0, "none", 0, null, null, now);
        Confirmations.insert(context.store(), c);
        Confirmations.find(context.store(), c.source(), orderId).filter(found -> Confirmation.SCHEDULED
                .equals(found.status())).ifPresent(found -> context.timers().schedule(key(ASK, found),
                        now.plus(Duration.ofMinutes(settings.delayMinutes())), data(found)));
    }

    static void orderCancelled(CanonicalEvent event, FeatureContext context) {
        String orderId = event.payload().path("orderId").asText("");
        if (orderId.isBlank()) {
            return;
        }
        if (Confirmations.cancelledInStore(context.store(), event.source(), orderId, context.clock().instant())) {
            for (String step : new String[] {ASK, REMIND, EXPIRE}) {
                context.timers().cancel(step + ":" + event.source() + ":" + orderId);
            }
        }
    }

    static void onTimer(Timer timer, FeatureContext context) {
        String step = timer.key().substring(0, timer.key().indexOf(':'));
        Optional<Confirmation> found = Confirmations.find(context.store(), timer.data().path("source").asText(),
                timer.data().path("orderId").asText());
        if (found.isEmpty()) {
            return;
        }
        Confirmation c = found.get();
        CodSettings settings = settings(context);
        Instant now = context.clock().instant();
        switch (step) {
            case ASK -> {
                if (Confirmations.asked(context.store(), c.source(), c.orderId(), now)) {
                    context.send(question(c, settings, "cod:ask:"));
                    context.timers().schedule(key(REMIND, c), now.plus(Duration.ofHours(settings.reminderHours())),
                            data(c));
                }
            }
            case REMIND -> {
                if (Confirmations.reminded(context.store(), c.source(), c.orderId(), now)) {
                    context.send(question(c, settings, "cod:remind:"));
                    context.timers().schedule(key(EXPIRE, c), now.plus(Duration.ofHours(settings.finalHours())),
                            data(c));
                }
            }
            case EXPIRE -> {
                if (!Confirmation.AWAITING.equals(c.status())) {
                    return;
                }
                boolean cancel = CodSettings.CANCEL.equals(settings.noAnswer());
                if (Confirmations.decide(context.store(), c.source(), c.orderId(),
                        cancel ? Confirmation.CANCELLED : Confirmation.NEEDS_ATTENTION, null, "no-answer", cancel,
                        now) && cancel) {
                    WriteBacks.schedule(context, c, now);
                }
            }
            case WriteBacks.STEP -> WriteBacks.attempt(context, c, settings);
            default -> {
                // a timer of an older version of this feature: nothing to do
            }
        }
    }

    /** A customer's tap on Confirm or Cancel. */
    static void reply(CanonicalEvent event, FeatureContext context) {
        JsonNode message = event.payload();
        Optional<CodTemplate.Reply> reply = CodTemplate.reply(message.path("buttonPayload").asText(null));
        String from = message.path("from").asText("");
        if (reply.isEmpty()) {
            return;
        }
        Optional<Confirmation> found = Confirmations.find(context.store(), reply.get().source(),
                reply.get().orderId());
        if (found.isEmpty() || !found.get().phone().equals(from)) {
            return;
        }
        Confirmation c = found.get();
        Instant now = context.clock().instant();
        boolean confirm = CodTemplate.CONFIRM.equals(reply.get().answer());
        String messageId = message.path("messageId").asText(event.deliveryId());
        if (c.open() && Confirmations.decide(context.store(), c.source(), c.orderId(),
                confirm ? Confirmation.CONFIRMED : Confirmation.CANCELLED, reply.get().answer(), "customer", true,
                now)) {
            for (String step : new String[] {ASK, REMIND, EXPIRE}) {
                context.timers().cancel(key(step, c));
            }
            WriteBacks.schedule(context, c, now);
            context.send(OutboundMessage.text(from, MessageCategory.UTILITY, confirm
                    ? "Thank you! Your order " + number(c) + " is confirmed and will be on its way soon."
                    : "Your order " + number(c) + " is cancelled. Thank you for letting us know.",
                    "cod:answer:" + messageId));
            return;
        }
        Confirmations.lateReply(context.store(), c.source(), c.orderId(), now);
        context.send(OutboundMessage.text(from, MessageCategory.UTILITY, late(c), "cod:late:" + messageId));
    }

    /** The polite answer to a reply that came too late to apply. */
    static String late(Confirmation c) {
        String state = switch (c.status()) {
            case Confirmation.CONFIRMED -> "was already confirmed";
            case Confirmation.CANCELLED, Confirmation.CANCELLED_IN_STORE -> "was already cancelled";
            default -> "can no longer be changed here";
        };
        return "Thank you for your answer. Your order " + number(c) + " " + state
                + ", so we could not apply it. Reply to this message if you need help and we will get back to you.";
    }

    private static OutboundMessage question(Confirmation c, CodSettings settings, String keyPrefix) {
        return new OutboundMessage(c.phone(), MessageCategory.UTILITY, null, CodTemplate.question(c, settings),
                keyPrefix + c.source() + ":" + c.orderId());
    }

    static String key(String step, Confirmation c) {
        return step + ":" + c.source() + ":" + c.orderId();
    }

    static ObjectNode data(Confirmation c) {
        return NODES.objectNode().put("source", c.source()).put("orderId", c.orderId());
    }

    static CodSettings settings(FeatureContext context) {
        return context.configured() ? context.settings(CodSettings.class) : CodSettings.defaults();
    }

    private static String number(Confirmation c) {
        return c.orderNumber() == null ? c.orderId() : c.orderNumber();
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? null : value;
    }
}
