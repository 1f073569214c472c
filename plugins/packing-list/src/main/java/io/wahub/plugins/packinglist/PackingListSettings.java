package io.wahub.plugins.packinglist;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tenant's packing-list message.
 *
 * @param greeting         what follows "Hi Jon, " on the first line, before the order number; {@code null} or blank
 *                         means {@value #DEFAULT_GREETING}
 * @param includePrices    whether the message shows each item's unit price and the order total; {@code null}
 *                         means {@code true}
 * @param templateName     the utility template sent outside the customer-service window; {@code null} means
 *                         {@value #DEFAULT_TEMPLATE} (shipped with the plugin, stored for a tenant that enables it)
 * @param templateLanguage its language; {@code null} means {@value #DEFAULT_LANGUAGE}
 */
public record PackingListSettings(
        @Setting(label = "Greeting",
                help = "Follows \"Hi Jon, \" and precedes the order number: \"Hi Jon, thanks for your order #1001!\"",
                defaultValue = PackingListSettings.DEFAULT_GREETING)
        @Size(max = 200)
        String greeting,

        @Setting(label = "Show prices", help = "Show each item's unit price and the order total",
                defaultValue = "true")
        Boolean includePrices,

        @Setting(label = "Template", help = "The utility template sent when the customer has not written in the"
                + " last 24 hours (WhatsApp takes only templates then); it gets the variables customer_name,"
                + " order_number, items and total", defaultValue = PackingListSettings.DEFAULT_TEMPLATE)
        @Pattern(regexp = "[a-z0-9_]{1,512}", message = "lower-case letters, digits and underscores")
        String templateName,

        @Setting(label = "Template language", help = "The template's language code", defaultValue = "en_US")
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "a language code such as en_US or es")
        String templateLanguage) {

    public static final String DEFAULT_GREETING = "thanks for your order";
    public static final String DEFAULT_TEMPLATE = "order_packing_list";
    public static final String DEFAULT_LANGUAGE = "en_US";

    public PackingListSettings {
        greeting = greeting == null || greeting.isBlank() ? DEFAULT_GREETING : greeting.strip();
        includePrices = includePrices == null || includePrices;
        templateName = templateName == null || templateName.isBlank() ? DEFAULT_TEMPLATE : templateName.strip();
        templateLanguage = templateLanguage == null || templateLanguage.isBlank() ? DEFAULT_LANGUAGE
                : templateLanguage.strip();
    }

    /** A tenant's text settings, with the default template. */
    public PackingListSettings(String greeting, Boolean includePrices) {
        this(greeting, includePrices, null, null);
    }

    /** The defaults: {@value #DEFAULT_GREETING}, with prices, template {@value #DEFAULT_TEMPLATE} in en_US. */
    public static PackingListSettings defaults() {
        return new PackingListSettings(null, null, null, null);
    }
}
