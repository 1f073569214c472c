package io.wahub.plugins.drips;

import io.wahub.sdk.Contacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a send step's variable values: {@code {{contact.name}}}, {@code {{contact.firstName}}},
 * {@code {{contact.attributes.<key>}}} and {@code {{event.<field>}}} (the trigger's values: {@code firstName},
 * {@code recoveryUrl}, {@code orderNumber}, {@code total}, {@code currency}, … or the API enrolment's variables),
 * each with an optional fallback after {@code |}: {@code {{contact.firstName|there}}}.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.]+)\\s*(?:\\|([^}]*))?}}");

    private Placeholders() {
    }

    /** The values filled; {@code contact} is asked (the contact looked up) only when a value names the contact. */
    static Map<String, String> fill(Map<String, String> values, Supplier<Contacts.Contact> contact,
                                    Map<String, String> event) {
        Map<String, String> filled = new LinkedHashMap<>();
        values.forEach((name, value) -> filled.put(name, fill(value, contact, event)));
        return filled;
    }

    /** Whether a value names the contact, so that filling it looks the contact up. */
    static boolean namesContact(Map<String, String> values) {
        return values.values().stream().anyMatch(value -> PLACEHOLDER.matcher(value).results()
                .anyMatch(found -> found.group(1).startsWith("contact.")));
    }

    static String fill(String value, Supplier<Contacts.Contact> contact, Map<String, String> event) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String found = lookup(matcher.group(1), contact, event);
            String fallback = matcher.group(2) == null ? "" : matcher.group(2).strip();
            matcher.appendReplacement(out, Matcher.quoteReplacement(found == null || found.isBlank() ? fallback
                    : found));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String lookup(String path, Supplier<Contacts.Contact> found, Map<String, String> event) {
        if (path.startsWith("event.")) {
            return event.get(path.substring("event.".length()));
        }
        Contacts.Contact contact = path.startsWith("contact.") ? found.get() : null;
        if (contact == null) {
            return null;
        }
        return switch (path) {
            case "contact.name" -> contact.name();
            case "contact.firstName" -> contact.name() == null ? null : contact.name().strip().split("\\s+")[0];
            case "contact.phone" -> contact.phone();
            default -> {
                if (path.startsWith("contact.attributes.") && contact.attributes() != null) {
                    Object attribute = contact.attributes().get(path.substring("contact.attributes.".length()));
                    yield attribute == null ? null : attribute.toString();
                }
                yield null;
            }
        };
    }
}
