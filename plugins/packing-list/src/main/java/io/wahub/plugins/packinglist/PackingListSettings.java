package io.wahub.plugins.packinglist;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Size;

/**
 * A tenant's packing-list message.
 *
 * @param greeting      what follows "Hi Jon, " on the first line, before the order number; {@code null} or blank
 *                      means {@value #DEFAULT_GREETING}
 * @param includePrices whether the message shows each item's unit price and the order total; {@code null} means
 *                      {@code true}
 */
public record PackingListSettings(
        @Setting(label = "Greeting",
                help = "Follows \"Hi Jon, \" and precedes the order number: \"Hi Jon, thanks for your order #1001!\"",
                defaultValue = PackingListSettings.DEFAULT_GREETING)
        @Size(max = 200)
        String greeting,

        @Setting(label = "Show prices", help = "Show each item's unit price and the order total",
                defaultValue = "true")
        Boolean includePrices) {

    public static final String DEFAULT_GREETING = "thanks for your order";

    public PackingListSettings {
        greeting = greeting == null || greeting.isBlank() ? DEFAULT_GREETING : greeting.strip();
        includePrices = includePrices == null || includePrices;
    }

    /** The defaults: {@value #DEFAULT_GREETING}, with prices. */
    public static PackingListSettings defaults() {
        return new PackingListSettings(null, null);
    }
}
