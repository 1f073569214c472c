package io.wahub.hub.template;

import io.wahub.hub.template.TemplateContent.Button;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds a {@link TemplateContent} to Meta's template rules before it is saved, so that a template Meta would reject
 * for its shape is refused at once with the error at its field ({@code body}, {@code examples.order_number},
 * {@code buttons[1].url}, …), as the API's problem+json {@code errors} carries them.
 *
 * <p>Limits (Meta's): name ≤ 512 of {@code [a-z0-9_]}; header ≤ 60 characters with at most one variable; body
 * ≤ 1,024; footer ≤ 60 without variables; at most 10 buttons, of them at most 2 URL and 1 COPY_CODE; button text
 * ≤ 25; URL ≤ 2,000 with one optional variable at its end; offer code example ≤ 15; code expiration 1–90 minutes.
 * Every variable needs an example, and every example a variable.
 */
final class TemplateValidator {

    static final int NAME_MAX = 512;
    static final int HEADER_MAX = 60;
    static final int BODY_MAX = 1024;
    static final int FOOTER_MAX = 60;
    static final int BUTTONS_MAX = 10;
    static final int URL_BUTTONS_MAX = 2;
    static final int BUTTON_TEXT_MAX = 25;
    static final int URL_MAX = 2000;
    static final int CODE_EXAMPLE_MAX = 15;
    static final Set<String> CATEGORIES = Set.of(TemplateContent.MARKETING, TemplateContent.UTILITY,
            TemplateContent.AUTHENTICATION);

    private TemplateValidator() {
    }

    /** The errors by field, in field order; empty when the template is valid. */
    static Map<String, String> errors(TemplateContent t) {
        Map<String, String> errors = new TreeMap<>();
        if (t.name() == null || t.name().isBlank()) {
            errors.put("name", "required");
        } else if (t.name().length() > NAME_MAX) {
            errors.put("name", "at most " + NAME_MAX + " characters");
        } else if (!t.name().matches("[a-z0-9_]+")) {
            errors.put("name", "only lowercase letters, digits and underscores");
        }
        if (t.language() == null || t.language().isBlank()) {
            errors.put("language", "required");
        } else if (!t.language().matches("[a-z]{2,3}(_[A-Z]{2,3})?")) {
            errors.put("language", "a language code such as en_US, es or pt_BR");
        }
        if (t.category() == null || !CATEGORIES.contains(t.category())) {
            errors.put("category", "one of AUTHENTICATION, MARKETING, UTILITY");
            return errors;
        }
        if (t.forAuthentication()) {
            authentication(t, errors);
        } else {
            texts(t, errors);
            buttons(t, errors);
            examples(t, errors);
        }
        return errors;
    }

    private static void texts(TemplateContent t, Map<String, String> errors) {
        if (t.authentication() != null) {
            errors.put("authentication", "only for AUTHENTICATION templates");
        }
        text("header", t.header(), HEADER_MAX, false, errors);
        if (!errors.containsKey("header") && Placeholders.count(t.header()) > 1) {
            errors.put("header", "at most one variable");
        }
        if (!errors.containsKey("header") && t.header() != null && t.header().contains("\n")) {
            errors.put("header", "a single line");
        }
        if (t.body() == null || t.body().isBlank()) {
            errors.put("body", "required");
        } else {
            text("body", t.body(), BODY_MAX, false, errors);
        }
        text("footer", t.footer(), FOOTER_MAX, true, errors);
    }

    private static void text(String field, String value, int max, boolean noVariables, Map<String, String> errors) {
        if (value == null) {
            return;
        }
        String malformed = Placeholders.firstMalformed(value);
        if (value.length() > max) {
            errors.put(field, "at most " + max + " characters");
        } else if (malformed != null) {
            errors.put(field, "malformed placeholder '" + malformed + "': write variables as {{lowercase_name}}");
        } else if (noVariables && Placeholders.count(value) > 0) {
            errors.put(field, "no variables allowed");
        }
    }

    private static void buttons(TemplateContent t, Map<String, String> errors) {
        List<Button> buttons = t.buttons();
        if (buttons.size() > BUTTONS_MAX) {
            errors.put("buttons", "at most " + BUTTONS_MAX + " buttons");
            return;
        }
        int urls = 0;
        int codes = 0;
        for (int i = 0; i < buttons.size(); i++) {
            Button button = buttons.get(i);
            String at = "buttons[" + i + "].";
            if (button.type() == null) {
                errors.put(at + "type", "one of QUICK_REPLY, URL, COPY_CODE");
                continue;
            }
            switch (button.type()) {
                case Button.QUICK_REPLY -> label(at, button, errors);
                case Button.URL -> {
                    urls++;
                    label(at, button, errors);
                    url(at, button.url(), errors);
                }
                case Button.COPY_CODE -> {
                    codes++;
                    if (button.variable() == null || !button.variable().matches(Placeholders.NAME)) {
                        errors.put(at + "variable", "the variable holding the offer code, a lowercase_name");
                    }
                }
                default -> errors.put(at + "type", "one of QUICK_REPLY, URL, COPY_CODE");
            }
        }
        if (urls > URL_BUTTONS_MAX) {
            errors.put("buttons", "at most " + URL_BUTTONS_MAX + " URL buttons");
        } else if (codes > 1) {
            errors.put("buttons", "at most one COPY_CODE button");
        }
    }

    private static void label(String at, Button button, Map<String, String> errors) {
        if (button.text() == null || button.text().isBlank()) {
            errors.put(at + "text", "required");
        } else if (button.text().length() > BUTTON_TEXT_MAX) {
            errors.put(at + "text", "at most " + BUTTON_TEXT_MAX + " characters");
        } else if (Placeholders.count(button.text()) > 0 || Placeholders.firstMalformed(button.text()) != null) {
            errors.put(at + "text", "no variables allowed");
        }
    }

    private static void url(String at, String url, Map<String, String> errors) {
        if (url == null || url.isBlank()) {
            errors.put(at + "url", "required");
        } else if (url.length() > URL_MAX) {
            errors.put(at + "url", "at most " + URL_MAX + " characters");
        } else if (Placeholders.firstMalformed(url) != null) {
            errors.put(at + "url", "malformed placeholder '" + Placeholders.firstMalformed(url)
                    + "': write variables as {{lowercase_name}}");
        } else if (!url.matches("https?://[^\\s{}]+(\\{\\{" + Placeholders.NAME + "}})?")) {
            errors.put(at + "url", "an http(s) URL with at most one variable, at its end");
        }
    }

    private static void examples(TemplateContent t, Map<String, String> errors) {
        Set<String> variables = new HashSet<>(t.variables());
        for (String variable : t.variables()) {
            String example = t.examples().get(variable);
            if (example == null || example.isBlank()) {
                errors.put("examples." + variable, "an example is required for every variable");
            }
        }
        t.examples().keySet().stream().filter(name -> !variables.contains(name))
                .forEach(name -> errors.put("examples." + name, "no variable {{" + name + "}} in the template"));
        t.buttons().stream().filter(b -> Button.COPY_CODE.equals(b.type()) && b.variable() != null)
                .map(Button::variable).filter(v -> t.examples().getOrDefault(v, "").length() > CODE_EXAMPLE_MAX)
                .forEach(v -> errors.put("examples." + v, "an offer code has at most " + CODE_EXAMPLE_MAX
                        + " characters"));
    }

    /** Meta's fixed shape: no header, body, footer or examples; one COPY_CODE or ONE_TAP button; expiry 1–90. */
    private static void authentication(TemplateContent t, Map<String, String> errors) {
        String fixed = "AUTHENTICATION templates have Meta's fixed text; leave it out";
        for (var field : Map.of("header", t.header() == null, "body", t.body() == null,
                "footer", t.footer() == null).entrySet()) {
            if (!field.getValue()) {
                errors.put(field.getKey(), fixed);
            }
        }
        if (!t.examples().isEmpty()) {
            errors.put("examples", "AUTHENTICATION templates take no examples: their one variable is the code");
        }
        Integer minutes = t.authentication() == null ? null : t.authentication().codeExpirationMinutes();
        if (minutes != null && (minutes < 1 || minutes > 90)) {
            errors.put("authentication.codeExpirationMinutes", "between 1 and 90");
        }
        if (t.buttons().size() != 1) {
            errors.put("buttons", "exactly one COPY_CODE or ONE_TAP button");
            return;
        }
        Button button = t.buttons().getFirst();
        if (Button.ONE_TAP.equals(button.type())) {
            if (button.packageName() == null || button.packageName().isBlank()) {
                errors.put("buttons[0].packageName", "required for ONE_TAP");
            }
            if (button.signatureHash() == null || button.signatureHash().isBlank()) {
                errors.put("buttons[0].signatureHash", "required for ONE_TAP");
            }
        } else if (!Button.COPY_CODE.equals(button.type())) {
            errors.put("buttons[0].type", "COPY_CODE or ONE_TAP");
        }
        if (button.text() != null && button.text().length() > BUTTON_TEXT_MAX) {
            errors.put("buttons[0].text", "at most " + BUTTON_TEXT_MAX + " characters");
        }
    }
}
