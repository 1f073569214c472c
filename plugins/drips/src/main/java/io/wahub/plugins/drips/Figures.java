package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Money;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's figures, messaged contacts and holdout apart:
 * {@code {campaign: {messaged: {entered, goal, replied, exited: {reason: n}, revenue: [{currency, orders,
 * amountMinor, amount}]}, holdout: {…}}, steps: [{id, type, messaged: {sent, capped, delivered, read, replied,
 * failed}, holdout: {sent}}]}}. A holdout step's {@code sent} counts the messages it would have had; {@code goal}
 * with {@code revenue} is the carts recovered (the goal orders) and what they were worth.
 */
final class Figures {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SEND_COUNTERS = List.of("sent", "capped", "delivered", "read", "replied",
            "failed");

    private Figures() {
    }

    static ObjectNode of(FeatureContext context, Campaign campaign) {
        ObjectNode body = NODES.objectNode().put("campaignId", campaign.id().toString());
        ObjectNode total = body.putObject("campaign");
        ObjectNode messaged = group(total.putObject("messaged"));
        ObjectNode holdout = group(total.putObject("holdout"));
        ArrayNode steps = body.putArray("steps");
        Map<String, ObjectNode> byStep = new HashMap<>();
        for (Step step : campaign.definition().steps()) {
            ObjectNode node = steps.addObject().put("id", step.id()).put("type", step.type());
            ObjectNode own = node.putObject("messaged");
            ObjectNode held = node.putObject("holdout");
            if (step.type().equals("send")) {
                SEND_COUNTERS.forEach(name -> own.put(name, 0));
                held.put("sent", 0);
            }
            byStep.put(step.id(), node);
        }
        for (Map<String, Object> row : Enrolments.counters(context.store(), campaign.id())) {
            String stepId = (String) row.get("step_id");
            String group = (Boolean) row.get("holdout") ? "holdout" : "messaged";
            String name = (String) row.get("name");
            long value = ((Number) row.get("value")).longValue();
            if (stepId.isEmpty()) {
                ObjectNode target = group.equals("holdout") ? holdout : messaged;
                if (name.startsWith("exited:")) {
                    ((ObjectNode) target.get("exited")).put(name.substring("exited:".length()), value);
                } else {
                    target.put(name, value);
                }
            } else if (byStep.containsKey(stepId)) {
                ((ObjectNode) byStep.get(stepId).get(group)).put(name, value);
            }
        }
        for (Map<String, Object> row : Facts.revenue(context.store(), campaign.id())) {
            String currency = (String) row.get("currency");
            long minor = ((Number) row.get("amount")).longValue();
            ((ArrayNode) ((Boolean) row.get("holdout") ? holdout : messaged).get("revenue")).addObject()
                    .put("currency", currency).put("orders", ((Number) row.get("orders")).longValue())
                    .put("amountMinor", minor)
                    .put("amount", BigDecimal.valueOf(minor, Money.digits(currency)).toPlainString());
        }
        return body;
    }

    private static ObjectNode group(ObjectNode node) {
        node.put("entered", 0).put("goal", 0).put("replied", 0).putObject("exited");
        node.putArray("revenue");
        return node;
    }
}
