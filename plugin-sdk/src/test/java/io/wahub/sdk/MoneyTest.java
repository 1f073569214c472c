package io.wahub.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void decimalAmounts_becomeMinorUnitsWithEachCurrencysDecimals() {
        assertThat(Money.toMinor("1500", "JPY")).isEqualTo(1500);
        assertThat(Money.toMinor("44.98", "EUR")).isEqualTo(4498);
        assertThat(Money.toMinor("3.0", "EUR")).isEqualTo(300);
        assertThat(Money.toMinor("12.5", "KWD")).isEqualTo(12500);
        assertThat(Money.toMinor("12.345", "kwd")).isEqualTo(12345);
    }

    @Test
    void minorUnits_areFormattedWithTheCurrencysDecimalsForTheLocale() {
        assertThat(Money.format(1500, "JPY", Locale.US)).isEqualTo("¥1,500");
        assertThat(Money.format(4498, "EUR", Locale.GERMANY)).isEqualTo("44,98\u00a0€");
        assertThat(Money.format(4498, "EUR", Locale.US)).isEqualTo("€44.98");
        assertThat(Money.format(12500, "KWD", Locale.US)).isEqualTo("KWD\u00a012.500");
        assertThat(Money.format(123456789, "KWD", Locale.US)).isEqualTo("KWD\u00a0123,456.789");
    }

    @Test
    void notADecimalOrNotACurrency_isRefusedNamingTheValue() {
        assertThatThrownBy(() -> Money.toMinor("12,50", "EUR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount is not a decimal number: 12,50");
        assertThatThrownBy(() -> Money.format(1, "EURO", Locale.US)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ISO 4217 currency code: EURO");
    }
}
