package io.wahub.plugins.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void formatsMinorUnitsWithEachCurrencysDecimals_EurJpyKwd() {
        assertThat(Money.format(2999, "EUR")).isEqualTo("29.99 EUR");
        assertThat(Money.format(5000, "JPY")).isEqualTo("5000 JPY");
        assertThat(Money.format(1500, "KWD")).isEqualTo("1.500 KWD");
        assertThat(Money.format(5, "EUR")).isEqualTo("0.05 EUR");
    }

    @Test
    void knowsIsoCurrenciesInUpperCaseOnly() {
        assertThat(Money.known("EUR")).isTrue();
        assertThat(Money.known("eur")).isFalse();
        assertThat(Money.known("ABC")).isFalse();
        assertThat(Money.known("XXX")).isFalse();
    }
}
