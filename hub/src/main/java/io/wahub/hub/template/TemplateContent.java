package io.wahub.hub.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a tenant saves as a template (the API's request body, and the stored content), shaped after Meta's template
 * components. {@link TemplateValidator} holds it to Meta's rules.
 *
 * @param name           Meta's rules: lowercase letters, digits and underscores, at most 512 characters
 * @param language       Meta's language code: {@code en_US}, {@code es}, {@code pt_BR}, …
 * @param category       {@code MARKETING}, {@code UTILITY} or {@code AUTHENTICATION}
 * @param header         optional text header (≤ 60 characters, at most one variable); not for AUTHENTICATION
 * @param body           the text with named variables such as {@code {{first_name}}} (≤ 1,024 characters);
 *                       AUTHENTICATION templates have Meta's fixed body instead and leave it out
 * @param footer         optional footer text without variables (≤ 60 characters); not for AUTHENTICATION
 * @param buttons        up to 10 buttons (see {@link Button})
 * @param examples       a sample value for every variable, by variable name (Meta reviews templates with them)
 * @param authentication the options of an AUTHENTICATION template; {@code null} for the other categories
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateContent(String name, String language, String category, String header, String body,
                              String footer, List<Button> buttons, Map<String, String> examples,
                              Authentication authentication) {

    public static final String MARKETING = "MARKETING";
    public static final String UTILITY = "UTILITY";
    public static final String AUTHENTICATION = "AUTHENTICATION";
    /** The variable of an AUTHENTICATION template: the one-time code. */
    public static final String CODE = "code";

    public TemplateContent {
        buttons = buttons == null ? List.of() : buttons.stream().map(b -> b == null ? Button.NONE : b).toList();
        examples = examples == null ? Map.of() : examples;
    }

    public boolean forAuthentication() {
        return AUTHENTICATION.equals(category);
    }

    /**
     * The variables a message must give values for, in order of appearance (header, body, buttons); for an
     * AUTHENTICATION template just {@value #CODE}.
     */
    public List<String> variables() {
        if (forAuthentication()) {
            return List.of(CODE);
        }
        Set<String> names = new LinkedHashSet<>();
        names.addAll(Placeholders.names(header));
        names.addAll(Placeholders.names(body));
        for (Button button : buttons) {
            names.addAll(button.variables());
        }
        return new ArrayList<>(names);
    }

    /**
     * A button.
     *
     * @param type          {@code QUICK_REPLY}, {@code URL}, {@code COPY_CODE}, or (AUTHENTICATION only)
     *                      {@code ONE_TAP}
     * @param text          the label (≤ 25 characters); required for QUICK_REPLY and URL
     * @param url           URL buttons: {@code https://…}, optionally ending in one variable
     *                      ({@code https://shop.example/track/{{tracking_id}}})
     * @param variable      COPY_CODE buttons of MARKETING/UTILITY templates: the variable holding the offer code
     *                      (≤ 15 characters)
     * @param packageName   ONE_TAP: the Android app's package name
     * @param signatureHash ONE_TAP: the app's signing key hash
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Button(String type, String text, String url, String variable, String packageName,
                         String signatureHash) {

        static final Button NONE = new Button(null, null, null, null, null, null);
        public static final String QUICK_REPLY = "QUICK_REPLY";
        public static final String URL = "URL";
        public static final String COPY_CODE = "COPY_CODE";
        public static final String ONE_TAP = "ONE_TAP";

        /** The variables this button takes: a URL's trailing one, a copy-code button's offer code. */
        List<String> variables() {
            if (URL.equals(type)) {
                return Placeholders.names(url);
            }
            return COPY_CODE.equals(type) && variable != null ? List.of(variable) : List.of();
        }
    }

    /**
     * The options of an AUTHENTICATION template, whose body is Meta's fixed text
     * ({@code *{{code}}* is your verification code.}).
     *
     * @param addSecurityRecommendation adds "For your security, do not share this code."
     * @param codeExpirationMinutes     1–90: adds the footer "This code expires in N minutes."; {@code null}: none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Authentication(Boolean addSecurityRecommendation, Integer codeExpirationMinutes) {

        public boolean securityRecommendation() {
            return Boolean.TRUE.equals(addSecurityRecommendation);
        }
    }
}
