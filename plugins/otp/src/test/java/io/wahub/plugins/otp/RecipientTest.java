package io.wahub.plugins.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientTest {

    @Test
    void prefixIsTheNumberWithoutItsLast4Digits_andCountryItsRegion() {
        assertThat(Recipient.parse("+4915112345678"))
                .contains(new Recipient("+4915112345678", "DE", "+491511234"));
        assertThat(Recipient.parse("+33612345678")).contains(new Recipient("+33612345678", "FR", "+3361234"));
    }

    @Test
    void notE164_orNotAValidNumber_isRefused() {
        assertThat(Recipient.parse("015112345678")).isEqualTo(Optional.empty());
        assertThat(Recipient.parse("+49 151 12345678")).isEmpty();
        assertThat(Recipient.parse("+4912")).isEmpty();
        assertThat(Recipient.parse("+999123456789")).isEmpty();
        assertThat(Recipient.parse(null)).isEmpty();
    }
}
