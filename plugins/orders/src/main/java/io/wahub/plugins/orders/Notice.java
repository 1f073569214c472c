package io.wahub.plugins.orders;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Money;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One order message to a customer: the text sent inside the 24-hour customer-service window, and the utility template
 * (shipped with the plugin, see {@link #DRAFTS}) with its variables outside it. Formats, as documented in the
 * plugin's README:
 * <pre>
 * SHIPPED    Hi Jon, your order #1001 is on its way!\n\nCarrier: DHL Express\nTracking number: 123\nTrack it: https://…
 * DELIVERED  Hi Jon, your order #1001 has been delivered. Enjoy!
 * CANCELLED  Hi Jon, your order #1001 has been cancelled. If you did not ask for this, just reply to this message.
 * REFUNDED   Hi Jon, we have refunded €19.99 for your order #1001. It can take a few days to show on your statement.
 * </pre>
 * Without a first name the greeting is "Hi, "; tracking lines without a value are left out. Template parameters
 * never hold line breaks or empty values (WhatsApp refuses both): an absent value becomes "-".
 *
 * @param refundMinor for {@link Kind#REFUNDED}: the amount refunded, minor units of {@code refundCurrency}
 */
record Notice(Kind kind, Order order, Long refundMinor, String refundCurrency) {

    enum Kind {
        SHIPPED("order_shipped"), DELIVERED("order_delivered"), CANCELLED("order_cancelled"),
        REFUNDED("order_refunded");

        final String template;

        Kind(String template) {
            this.template = template;
        }
    }

    /** The templates the plugin ships, stored for a tenant that enables it (approved at once on the sandbox). */
    static final List<Templates.Draft> DRAFTS = List.of(
            draft(Kind.SHIPPED, "Hi {{customer_name}}, your order {{order_number}} is on its way with {{carrier}}."
                    + " Tracking number: {{tracking_number}}. Track it here: {{tracking_url}}",
                    Map.of("carrier", "DHL Express", "tracking_number", "00340434161094042557",
                            "tracking_url", "https://www.dhl.com/track?id=00340434161094042557")),
            draft(Kind.DELIVERED, "Hi {{customer_name}}, your order {{order_number}} has been delivered. Enjoy!",
                    Map.of()),
            draft(Kind.CANCELLED, "Hi {{customer_name}}, your order {{order_number}} has been cancelled. If you did"
                    + " not ask for this, just reply to this message.", Map.of()),
            draft(Kind.REFUNDED, "Hi {{customer_name}}, we have refunded {{amount}} for your order"
                    + " {{order_number}}. It can take a few days to show on your statement.",
                    Map.of("amount", "€19.99")));

    static Notice of(Kind kind, Order order) {
        return new Notice(kind, order, null, null);
    }

    /** The message for the order's customer: text inside the window, the template outside it. */
    OutboundMessage message(boolean windowOpen, OrdersSettings settings, String idempotencyKey) {
        if (windowOpen) {
            return OutboundMessage.text(order.phone(), MessageCategory.UTILITY, text(settings.moneyLocale()),
                    idempotencyKey);
        }
        return new OutboundMessage(order.phone(), MessageCategory.UTILITY, null, OutboundMessage.Template.named(
                kind.template, settings.templateLanguage(), variables(settings.moneyLocale())), idempotencyKey);
    }

    String text(Locale locale) {
        String hi = order.firstName() == null ? "Hi, " : "Hi " + order.firstName() + ", ";
        String number = order.number() == null ? "" : " " + order.number();
        return switch (kind) {
            case SHIPPED -> {
                List<String> lines = new ArrayList<>();
                add(lines, "Carrier: ", order.carrier());
                add(lines, "Tracking number: ", order.trackingNumber());
                add(lines, "Track it: ", order.trackingUrl());
                String first = hi + "your order" + number + " is on its way!";
                yield lines.isEmpty() ? first : first + "\n\n" + String.join("\n", lines);
            }
            case DELIVERED -> hi + "your order" + number + " has been delivered. Enjoy!";
            case CANCELLED -> hi + "your order" + number + " has been cancelled. If you did not ask for this, just"
                    + " reply to this message.";
            case REFUNDED -> hi + "we have refunded " + amount(locale) + " for your order" + number
                    + ". It can take a few days to show on your statement.";
        };
    }

    Map<String, String> variables(Locale locale) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("customer_name", orDash(order.firstName()));
        variables.put("order_number", orDash(order.number()));
        switch (kind) {
            case SHIPPED -> {
                variables.put("carrier", orDash(order.carrier()));
                variables.put("tracking_number", orDash(order.trackingNumber()));
                variables.put("tracking_url", orDash(order.trackingUrl()));
            }
            case REFUNDED -> variables.put("amount", amount(locale));
            default -> {
            }
        }
        return variables;
    }

    /** The refund, else the order's refunded total, else its total, formatted for the locale; "-" if unknown. */
    private String amount(Locale locale) {
        Long minor = refundMinor != null ? refundMinor
                : order.refundedMinor() != null ? order.refundedMinor() : order.totalMinor();
        String currency = refundMinor != null ? refundCurrency : order.currency();
        if (minor == null || currency == null) {
            return "-";
        }
        try {
            return Money.format(minor, currency, locale);
        } catch (IllegalArgumentException e) {
            return minor + " " + currency;
        }
    }

    private static void add(List<String> lines, String label, String value) {
        if (value != null) {
            lines.add(label + value);
        }
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value.replaceAll("\\s+", " ");
    }

    private static Templates.Draft draft(Kind kind, String body, Map<String, String> examples) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("customer_name", "Jon", "order_number", "#1001"));
        all.putAll(examples);
        return new Templates.Draft(kind.template, OrdersSettings.DEFAULT_LANGUAGE, MessageCategory.UTILITY, body, all);
    }
}
