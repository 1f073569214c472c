package io.wahub.hub.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A template message as the customer sees it, kept with the message for the conversation timeline and shown by the
 * sandbox: the filled text (header, body and footer, a blank line apart) and its buttons. A message whose template
 * could not be filled has only a {@code failure} and is stored dead.
 *
 * @param failure why the template could not be filled (a missing variable, an unknown template), or null
 */
public record Rendition(String text, List<Button> buttons, String failure) {

    public Rendition {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    public static Rendition of(String text, List<Button> buttons) {
        return new Rendition(text, buttons, null);
    }

    public static Rendition failed(String failure) {
        return new Rendition(null, List.of(), failure);
    }

    public boolean failed() {
        return failure != null;
    }

    /**
     * A button as shown: its type ({@code QUICK_REPLY}, {@code URL}, {@code COPY_CODE}, {@code ONE_TAP}), label,
     * and the filled URL or the code it copies.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Button(String type, String text, String url, String code) {
    }
}
