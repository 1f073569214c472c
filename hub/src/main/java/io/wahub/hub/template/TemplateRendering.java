package io.wahub.hub.template;

import io.wahub.hub.message.Rendition;
import io.wahub.hub.template.TemplateContent.Button;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.OutboundMessage.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fills a stored template with a message's variable values: the template as the channel sends it (Meta's
 * components: a header and a body with named parameters, a URL button's suffix, a copy-code button's code; for an
 * AUTHENTICATION template the code in the body and in its button, positionally, as Meta's fixed template has it)
 * and the text the customer sees. A variable without a value fills nothing: the result is a failure naming it.
 */
final class TemplateRendering {

    static final String SECURITY = "For your security, do not share this code.";

    /** A filled template, or why it could not be filled. */
    record Filled(OutboundMessage.Template template, Rendition rendition) {
    }

    private TemplateRendering() {
    }

    static Filled fill(MessageTemplate stored, Map<String, String> values) {
        return fill(stored, values, List.of());
    }

    /**
     * Fills the template; {@code quickReplyPayloads} go, in order, on its quick-reply buttons (the first payload on
     * the first quick-reply button, …), as Meta's {@code quick_reply} button components. Payloads beyond the
     * template's quick-reply buttons are ignored; buttons beyond the payloads send none (Meta then returns the
     * button's text).
     */
    static Filled fill(MessageTemplate stored, Map<String, String> values, List<String> quickReplyPayloads) {
        TemplateContent t = stored.content();
        List<String> missing = stored.variables().stream().filter(name -> !values.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            return new Filled(null, Rendition.failed("template '" + t.name() + "' (" + t.language() + ") needs "
                    + (missing.size() == 1 ? "variable " : "variables ")
                    + missing.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                    + ", which the message does not give"));
        }
        return t.forAuthentication() ? authentication(t, values.get(TemplateContent.CODE))
                : regular(t, values, quickReplyPayloads);
    }

    private static Filled regular(TemplateContent t, Map<String, String> values, List<String> payloads) {
        int quickReplies = 0;
        List<Component> components = new ArrayList<>();
        List<String> headerNames = Placeholders.names(t.header());
        if (!headerNames.isEmpty()) {
            components.add(new Component("header", null, null, valuesOf(headerNames, values), headerNames));
        }
        List<String> bodyNames = Placeholders.names(t.body());
        if (!bodyNames.isEmpty()) {
            components.add(new Component("body", null, null, valuesOf(bodyNames, values), bodyNames));
        }
        List<Rendition.Button> shown = new ArrayList<>();
        for (int i = 0; i < t.buttons().size(); i++) {
            Button button = t.buttons().get(i);
            switch (button.type()) {
                case Button.URL -> {
                    List<String> names = Placeholders.names(button.url());
                    if (!names.isEmpty()) {
                        components.add(new Component("button", "url", i, valuesOf(names, values)));
                    }
                    shown.add(new Rendition.Button(Button.URL, button.text(), Placeholders.fill(button.url(), values),
                            null));
                }
                case Button.COPY_CODE -> {
                    String code = values.get(button.variable());
                    components.add(new Component("button", "copy_code", i, List.of(code)));
                    shown.add(new Rendition.Button(Button.COPY_CODE, "Copy offer code", null, code));
                }
                case Button.QUICK_REPLY -> {
                    if (quickReplies < payloads.size()) {
                        components.add(new Component("button", OutboundMessage.Template.QUICK_REPLY, i,
                                List.of(payloads.get(quickReplies))));
                    }
                    quickReplies++;
                    shown.add(new Rendition.Button(button.type(), button.text(), null, null));
                }
                default -> shown.add(new Rendition.Button(button.type(), button.text(), null, null));
            }
        }
        String text = Stream.of(Placeholders.fill(t.header(), values), Placeholders.fill(t.body(), values),
                t.footer()).filter(Objects::nonNull).collect(Collectors.joining("\n\n"));
        return new Filled(new OutboundMessage.Template(t.name(), t.language(), List.of(), components),
                Rendition.of(text, shown));
    }

    /** Meta's fixed authentication template: the code in the body and in the (copy-code or one-tap) button. */
    private static Filled authentication(TemplateContent t, String code) {
        TemplateContent.Authentication options = t.authentication() == null
                ? new TemplateContent.Authentication(false, null) : t.authentication();
        String text = "*" + code + "* is your verification code."
                + (options.securityRecommendation() ? " " + SECURITY : "")
                + (options.codeExpirationMinutes() == null ? ""
                : "\n\nThis code expires in " + options.codeExpirationMinutes() + " minutes.");
        Button button = t.buttons().getFirst();
        String label = button.text() != null ? button.text()
                : Button.ONE_TAP.equals(button.type()) ? "Autofill" : "Copy code";
        List<Component> components = List.of(new Component("body", null, null, List.of(code)),
                new Component("button", "url", 0, List.of(code)));
        return new Filled(new OutboundMessage.Template(t.name(), t.language(), List.of(), components),
                Rendition.of(text, List.of(new Rendition.Button(button.type(), label, null, code))));
    }

    private static List<String> valuesOf(List<String> names, Map<String, String> values) {
        return names.stream().map(values::get).toList();
    }
}
