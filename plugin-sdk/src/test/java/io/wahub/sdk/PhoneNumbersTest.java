package io.wahub.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void isE164_plusThenSevenToFifteenDigits_theFirstNotZero() {
        assertThat(PhoneNumbers.isE164("+4915112345678")).isTrue();
        assertThat(PhoneNumbers.isE164("+1234567")).isTrue();
        assertThat(PhoneNumbers.isE164("+123456789012345")).isTrue();
        assertThat(PhoneNumbers.isE164("+123456")).isFalse();
        assertThat(PhoneNumbers.isE164("+1234567890123456")).isFalse();
        assertThat(PhoneNumbers.isE164("+0151123456")).isFalse();
        assertThat(PhoneNumbers.isE164("4915112345678")).isFalse();
        assertThat(PhoneNumbers.isE164("+49 151 12345678")).isFalse();
        assertThat(PhoneNumbers.isE164(null)).isFalse();
    }

    @Test
    void toE164_normalisesANationalNumberWithTheShopsCountry() {
        assertThat(PhoneNumbers.toE164("0151 12345678", "DE")).contains("+4915112345678");
        assertThat(PhoneNumbers.toE164("", "DE")).isEmpty();
    }
}
