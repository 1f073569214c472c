package io.wahub.sdk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts in minor units (cents, fils, yen) and how a customer reads them. A currency's number of decimals comes from
 * ISO 4217 through {@link Currency#getDefaultFractionDigits()}: JPY has none, EUR two, KWD three. Canonical payloads
 * carry amounts as decimal strings ({@code "12.500"}); features keep them as minor units ({@code 12500}) and format
 * them for a locale only when they write a message.
 *
 * <p>Stateless and thread-safe.
 */
public final class Money {

    private Money() {
    }

    /**
     * The decimal amount in minor units of {@code currency}: {@code ("44.98", "EUR")} → 4498, {@code ("1500", "JPY")}
     * → 1500, {@code ("12.5", "KWD")} → 12500. Finer digits than the currency has are rounded half-even.
     *
     * @throws IllegalArgumentException naming the value when it is not a decimal number, or the currency when it is
     *                                  not an ISO 4217 code
     */
    public static long toMinor(String amount, String currency) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("amount is not a decimal number: " + amount);
        }
        return value.movePointRight(digits(currency)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * The amount as a customer of {@code locale} reads it, with the currency's own decimals:
     * {@code (4498, "EUR", de-DE)} → {@code 44,98 €}, {@code (1500, "JPY", en-US)} → {@code ¥1,500},
     * {@code (12500, "KWD", en-US)} → {@code KWD 12.500} (symbol and spacing as the JDK's CLDR data has them).
     *
     * @throws IllegalArgumentException when {@code currency} is not an ISO 4217 code
     */
    public static String format(long minor, String currency, Locale locale) {
        int digits = digits(currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency unit = currency(currency);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return spaced(format.format(BigDecimal.valueOf(minor, digits)), unit.getSymbol(locale));
    }

    /**
     * A symbol of letters ({@code KWD}) touching the number gets a no-break space, as CLDR's currency spacing rule
     * asks and {@link java.text.DecimalFormat} does not do: {@code KWD12.500} → {@code KWD 12.500}.
     */
    private static String spaced(String text, String symbol) {
        if (symbol.isEmpty() || !symbol.chars().allMatch(Character::isLetter)) {
            return text;
        }
        int at = text.indexOf(symbol);
        if (at < 0) {
            return text;
        }
        int after = at + symbol.length();
        if (after < text.length() && !Character.isWhitespace(text.charAt(after))
                && !Character.isSpaceChar(text.charAt(after))) {
            return text.substring(0, after) + '\u00a0' + text.substring(after);
        }
        if (at > 0 && Character.isDigit(text.charAt(at - 1))) {
            return text.substring(0, at) + '\u00a0' + text.substring(at);
        }
        return text;
    }

    /** The currency's number of decimals (0 for JPY, 2 for EUR, 3 for KWD; 0 for currencies without minor units). */
    public static int digits(String currency) {
        return Math.max(0, currency(currency).getDefaultFractionDigits());
    }

    private static Currency currency(String code) {
        try {
            return Currency.getInstance(code == null ? "" : code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + code);
        }
    }
}
