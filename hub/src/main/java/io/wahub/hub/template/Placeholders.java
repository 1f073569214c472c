package io.wahub.hub.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named template variables in text: {@code {{first_name}}} (lowercase letters, digits and underscores, starting
 * with a letter, as Meta's named parameters). Anything else between or around braces is malformed.
 */
final class Placeholders {

    static final String NAME = "[a-z][a-z0-9_]*";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(" + NAME + ")}}");
    private static final Pattern ANY = Pattern.compile("\\{\\{[^{}]*}}|\\{\\{|}}");

    private Placeholders() {
    }

    /** The distinct variable names in {@code text}, in order of appearance (none for {@code null}). */
    static List<String> names(String text) {
        if (text == null) {
            return List.of();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return new ArrayList<>(names);
    }

    /** How many placeholders {@code text} has, repeats counted. */
    static int count(String text) {
        return text == null ? 0 : (int) PLACEHOLDER.matcher(text).results().count();
    }

    /** The first malformed placeholder in {@code text} ({@code {{ Name }}}, {@code {{1}}}, a lone {@code {{}), or null. */
    static String firstMalformed(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ANY.matcher(text);
        while (matcher.find()) {
            if (!PLACEHOLDER.matcher(matcher.group()).matches()) {
                return matcher.group();
            }
        }
        return null;
    }

    /** {@code text} with every placeholder replaced by its value (the caller checked that all have one). */
    static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }
}
