package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a campaign definition from a request body, collecting an error per field ({@code steps[1].duration}) rather
 * than stopping at the first.
 */
final class DefinitionReader {

    static final Set<String> TYPES = Set.of("wait", "wait-until", "send", "condition", "add-tag", "remove-tag");
    private static final String ID = "[a-z0-9][a-z0-9_-]{0,39}";
    private static final Duration LONGEST_WAIT = Duration.ofDays(365);

    private DefinitionReader() {
    }

    static Definition definition(JsonNode body, Map<String, String> errors) {
        List<Step> steps = steps(body.path("steps"), errors);
        SendWindow window = window(body.path("window"), errors);
        Integer reentryDays = null;
        JsonNode reentry = body.path("reentry");
        String policy = reentry.path("policy").asText("never");
        if (policy.equals("after")) {
            reentryDays = reentry.path("days").asInt(0);
            if (reentryDays < 1 || reentryDays > 3650) {
                errors.put("reentry.days", "1 to 3650 days");
            }
        } else if (!policy.equals("never")) {
            errors.put("reentry.policy", "never or after");
        }
        int holdout = body.path("holdoutPercent").asInt(0);
        if (holdout < 0 || holdout > 50 || (body.has("holdoutPercent") && !body.get("holdoutPercent").isInt())) {
            errors.put("holdoutPercent", "a whole number from 0 to 50");
        }
        List<String> goals = new ArrayList<>();
        body.path("goals").forEach(goal -> goals.add(goal.asText()));
        if (!Definition.GOAL_EVENTS.containsAll(goals)) {
            errors.put("goals", "event types among " + String.join(", ", Definition.GOAL_EVENTS));
        }
        JsonNode exitOnReply = body.path("exitOnReply");
        if (!exitOnReply.isMissingNode() && !exitOnReply.isBoolean()) {
            errors.put("exitOnReply", "true or false");
        }
        return new Definition(List.copyOf(steps), window, reentryDays, holdout, List.copyOf(goals),
                exitOnReply.asBoolean(false));
    }

    private static List<Step> steps(JsonNode list, Map<String, String> errors) {
        List<Step> steps = new ArrayList<>();
        if (!list.isArray() || list.isEmpty() || list.size() > 50) {
            errors.put("steps", "1 to 50 steps");
            return steps;
        }
        Set<String> ids = new HashSet<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String at = "steps[" + i + "]";
            String id = node.path("id").asText("s" + (i + 1));
            if (!id.matches(ID) || id.equals(Step.END) || !ids.add(id)) {
                errors.put(at + ".id", "unique, lower case letters, digits, - and _ (at most 40), not 'end'");
            }
            String type = node.path("type").asText("");
            if (!TYPES.contains(type)) {
                errors.put(at + ".type", "one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
                continue;
            }
            steps.add(step(node, id, type, at, errors));
            positions.add(i);
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int position = positions.get(i);
            for (String target : new String[] {step.then(), step.otherwise()}) {
                if (target != null && !target.equals(Step.END) && !ids.contains(target)) {
                    errors.put("steps[" + position + "]." + (target.equals(step.then()) ? "then" : "else"),
                            "the id of a step of this campaign, or end");
                }
            }
        }
        return steps;
    }

    private static Step step(JsonNode node, String id, String type, String at, Map<String, String> errors) {
        return switch (type) {
            case "wait" -> new Step(id, type, duration(node, at, errors), null, null, null, null, null, null, null,
                    null, null, null);
            case "wait-until" -> new Step(id, type, null, time(node.path("time"), at + ".time", errors), null, null,
                    null, null, null, null, null, null, null);
            case "send" -> send(node, id, at, errors);
            case "condition" -> {
                String tag = text(node, "tag");
                String attribute = text(node, "attribute");
                String event = text(node, "event");
                if ((tag == null ? 0 : 1) + (attribute == null ? 0 : 1) + (event == null ? 0 : 1) != 1) {
                    errors.put(at + ".tag", "a condition tests one of a tag, an attribute or an event");
                } else if (event != null && !Conditions.EVENTS.contains(event)) {
                    errors.put(at + ".event", "one of " + String.join(", ", Conditions.EVENTS));
                }
                String then = text(node, "then");
                if (then == null) {
                    errors.put(at + ".then", "the step to go to when the condition holds (or end)");
                }
                yield new Step(id, type, null, null, null, null, null, tag, attribute, text(node, "equals"), then,
                        text(node, "else"), event);
            }
            default -> {
                String tag = text(node, "tag");
                if (tag == null || tag.length() > 64) {
                    errors.put(at + ".tag", "a tag of 1 to 64 characters");
                }
                yield new Step(id, type, null, null, null, null, null, tag, null, null, null, null, null);
            }
        };
    }

    private static Step send(JsonNode node, String id, String at, Map<String, String> errors) {
        String template = text(node, "template");
        if (template == null || !template.matches("[a-z0-9_]{1,512}")) {
            errors.put(at + ".template", "the name of one of your MARKETING templates");
        }
        String language = text(node, "language");
        if (language != null && !language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            errors.put(at + ".language", "a language code such as en_US");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode vars = node.path("variables");
        if (!vars.isMissingNode() && !vars.isObject()) {
            errors.put(at + ".variables", "an object of variable name to value");
        }
        vars.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                errors.put(at + ".variables." + e.getKey(), "a text");
            } else {
                variables.put(e.getKey(), e.getValue().asText());
            }
        });
        return new Step(id, "send", null, null, template, language, Collections.unmodifiableMap(variables), null,
                null, null, null, null, null);
    }

    private static Duration duration(JsonNode node, String at, Map<String, String> errors) {
        try {
            Duration duration = Duration.parse(node.path("duration").asText(""));
            if (!duration.isNegative() && !duration.isZero() && duration.compareTo(LONGEST_WAIT) <= 0) {
                return duration;
            }
        } catch (DateTimeException e) {
            // below
        }
        errors.put(at + ".duration", "an ISO-8601 duration from PT1M to P365D, for example PT1H or P7D");
        return Duration.ofMinutes(1);
    }

    private static SendWindow window(JsonNode node, Map<String, String> errors) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        node.path("days").forEach(day -> {
            String name = day.asText().toUpperCase(Locale.ROOT);
            EnumSet.allOf(DayOfWeek.class).stream().filter(d -> d.name().startsWith(name) && name.length() >= 3)
                    .findFirst().ifPresentOrElse(days::add, () -> errors.put("window.days",
                            "days of the week: MON, TUE, WED, THU, FRI, SAT, SUN"));
        });
        if (!node.has("days")) {
            days.addAll(EnumSet.allOf(DayOfWeek.class));
        } else if (days.isEmpty()) {
            errors.put("window.days", "days of the week: MON, TUE, WED, THU, FRI, SAT, SUN");
        }
        LocalTime from = time(node.path("from"), "window.from", errors);
        LocalTime to = time(node.path("to"), "window.to", errors);
        if (!from.isBefore(to)) {
            errors.put("window.to", "after window.from");
        }
        return new SendWindow(days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days, from, to);
    }

    private static LocalTime time(JsonNode node, String field, Map<String, String> errors) {
        try {
            return LocalTime.parse(node.asText(""));
        } catch (DateTimeException e) {
            errors.put(field, "a time of day, HH:MM");
            return LocalTime.MIDNIGHT;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
