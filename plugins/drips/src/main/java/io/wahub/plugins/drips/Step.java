package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

/**
 * One step of a campaign. Only the fields of its {@link #type} are set.
 *
 * @param id        stable within the campaign: enrolments keep their position by it across edits
 * @param type      {@code wait}, {@code wait-until}, {@code send}, {@code condition}, {@code add-tag},
 *                  {@code remove-tag}
 * @param duration  {@code wait}: how long
 * @param time      {@code wait-until}: the local time of day in the contact's time zone
 * @param template  {@code send}: the tenant's MARKETING template, with {@code language} and {@code variables}
 *                  (values with placeholders {@code {{contact.name}}}, {@code {{event.recoveryUrl}}}, …)
 * @param tag       {@code condition} (has the tag), {@code add-tag}, {@code remove-tag}
 * @param attribute {@code condition}: the contact attribute that must equal {@code equals}
 * @param then      {@code condition}: step id (or {@code end}) when true; {@code otherwise} when false (null: next)
 * @param event     {@code condition}: the contact did this since entering ({@code order}, {@code replied},
 *                  {@code clicked}; see {@link Conditions})
 */
record Step(String id, String type, Duration duration, LocalTime time, String template, String language,
            Map<String, String> variables, String tag, String attribute, String equals, String then,
            String otherwise, String event) {

    static final String END = "end";

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", id).put("type", type);
        if (duration != null) {
            node.put("duration", duration.toString());
        }
        if (time != null) {
            node.put("time", time.toString());
        }
        if (template != null) {
            node.put("template", template);
            if (language != null) {
                node.put("language", language);
            }
            ObjectNode vars = node.putObject("variables");
            variables.forEach(vars::put);
        }
        putIf(node, "tag", tag);
        putIf(node, "attribute", attribute);
        putIf(node, "equals", equals);
        putIf(node, "event", event);
        putIf(node, "then", then);
        putIf(node, "else", otherwise);
        return node;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
