package io.wahub.plugins.invoices;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts kept in minor units, shown in the currency's unit with its ISO 4217 decimals ({@link Currency}): 2999 EUR
 * is "29.99 EUR", 5000 JPY "5000 JPY", 1500 KWD "1.500 KWD". Kept tiny on purpose: a shared SDK formatter may
 * replace it.
 */
final class Money {

    private Money() {
    }

    /** Whether {@code code} is an ISO 4217 currency with a minor unit Java knows (not XXX, XTS, …). */
    static boolean known(String code) {
        try {
            return code.equals(code.toUpperCase(Locale.ROOT))
                    && Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String format(long minor, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
