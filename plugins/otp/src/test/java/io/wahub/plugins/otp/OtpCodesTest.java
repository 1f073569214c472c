package io.wahub.plugins.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OtpCodesTest {

    static final String KEY = "q1Xk0n0r3e7g0cJm8y2b0bqzJ8m2m1qQb5ZcE9y3lQk=";
    static final String SEED = "AAECAwQFBgcICQoLDA0ODw==";

    @Test
    void sameKeyAndSeed_giveTheSameCode_soAResendSendsIt() {
        String first = OtpCodes.code(KEY, SEED, 6);

        assertThat(OtpCodes.code(KEY, SEED, 6)).isEqualTo(first);
        assertThat(first).hasSize(6).containsOnlyDigits();
    }

    @Test
    void codeHasTheAskedDigits_zeroPadded_from4To10() {
        for (int length = 4; length <= 10; length++) {
            assertThat(OtpCodes.code(KEY, OtpCodes.random(16), length)).hasSize(length).containsOnlyDigits();
        }
    }

    @Test
    void anotherKey_givesAnotherCode_forTheSameSeed() {
        String otherKey = OtpCodes.random(32);

        assertThat(OtpCodes.code(otherKey, SEED, 10)).isNotEqualTo(OtpCodes.code(KEY, SEED, 10));
    }

    @Test
    void randomSeeds_giveSpreadCodes() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            codes.add(OtpCodes.code(KEY, OtpCodes.random(16), 6));
        }

        assertThat(codes.size()).isGreaterThan(990);
    }

    @Test
    void matches_onlyTheCode() {
        String code = OtpCodes.code(KEY, SEED, 6);
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertThat(OtpCodes.matches(KEY, SEED, 6, code)).isTrue();
        assertThat(OtpCodes.matches(KEY, SEED, 6, wrong)).isFalse();
        assertThat(OtpCodes.matches(KEY, SEED, 6, code.substring(1))).isFalse();
    }
}
