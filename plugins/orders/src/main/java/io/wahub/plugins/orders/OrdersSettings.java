package io.wahub.plugins.orders;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's order notifications: each message switched on or off, the locale amounts are written in, and the
 * language of the templates sent outside the customer-service window. {@code null} means the default everywhere.
 */
public record OrdersSettings(
        @Setting(label = "Shipped", help = "Tell the customer when an order ships, with carrier and tracking link",
                defaultValue = "true")
        Boolean shipped,

        @Setting(label = "Delivered", help = "Tell the customer when the store reports the order delivered",
                defaultValue = "true")
        Boolean delivered,

        @Setting(label = "Cancelled", help = "Tell the customer when an order is cancelled", defaultValue = "true")
        Boolean cancelled,

        @Setting(label = "Refunded", help = "Tell the customer when money is refunded (Shopify refunds, WooCommerce"
                + " refunded orders, Stripe charge.refunded)", defaultValue = "true")
        Boolean refunded,

        @Setting(label = "Locale for amounts", help = "How amounts are written: en-US gives €44.98, de-DE 44,98 €",
                defaultValue = OrdersSettings.DEFAULT_LOCALE)
        @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "a language tag such as en-US or de-DE")
        String locale,

        @Setting(label = "Template language", help = "The language of the order_shipped, order_delivered,"
                + " order_cancelled and order_refunded templates", defaultValue = OrdersSettings.DEFAULT_LANGUAGE)
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "a language code such as en_US or es")
        String templateLanguage) {

    public static final String DEFAULT_LOCALE = "en-US";
    public static final String DEFAULT_LANGUAGE = "en_US";

    public OrdersSettings {
        shipped = shipped == null || shipped;
        delivered = delivered == null || delivered;
        cancelled = cancelled == null || cancelled;
        refunded = refunded == null || refunded;
        locale = locale == null || locale.isBlank() ? DEFAULT_LOCALE : locale.strip();
        templateLanguage = templateLanguage == null || templateLanguage.isBlank() ? DEFAULT_LANGUAGE
                : templateLanguage.strip();
    }

    /** Every message on, amounts in en-US, templates in en_US. */
    public static OrdersSettings defaults() {
        return new OrdersSettings(null, null, null, null, null, null);
    }

    boolean on(Notice.Kind kind) {
        return switch (kind) {
            case SHIPPED -> shipped;
            case DELIVERED -> delivered;
            case CANCELLED -> cancelled;
            case REFUNDED -> refunded;
        };
    }

    java.util.Locale moneyLocale() {
        return java.util.Locale.forLanguageTag(locale);
    }
}
