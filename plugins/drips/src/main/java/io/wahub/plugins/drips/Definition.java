package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import java.util.List;
import java.util.Optional;

/**
 * What a campaign does, the part a shop edits (and that is versioned): its steps, send window, re-entry policy,
 * holdout share and goal events. Read and checked by {@link DefinitionReader}; stored as {@link #toJson()}.
 *
 * @param window         null: any time
 * @param reentryDays    null: a contact never enters the campaign twice; else again once this many days passed since
 *                       they last entered
 * @param holdoutPercent share of entering contacts that are never messaged (0–50), to measure the lift
 * @param goals          event types that end a contact's journey as {@code goal} (an order from the contact)
 * @param exitOnReply    whether a message from the contact ends their journey (exit reason {@code replied})
 */
record Definition(List<Step> steps, SendWindow window, Integer reentryDays, int holdoutPercent, List<String> goals,
                  boolean exitOnReply) {

    static final List<String> GOAL_EVENTS = List.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAID,
            EventTypes.ORDER_FULFILLED);

    Optional<Integer> indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        var list = node.putArray("steps");
        steps.forEach(step -> list.add(step.toJson()));
        if (window != null) {
            node.set("window", window.toJson());
        }
        ObjectNode reentry = node.putObject("reentry").put("policy", reentryDays == null ? "never" : "after");
        if (reentryDays != null) {
            reentry.put("days", reentryDays);
        }
        node.put("holdoutPercent", holdoutPercent);
        var goalList = node.putArray("goals");
        goals.forEach(goalList::add);
        return node.put("exitOnReply", exitOnReply);
    }

    /** The stored form read back (it was checked when saved). */
    static Definition of(JsonNode stored) {
        var errors = new java.util.TreeMap<String, String>();
        Definition definition = DefinitionReader.definition(stored, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("stored campaign definition is invalid: " + errors);
        }
        return definition;
    }

}
