package io.wahub.plugins.cod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodTemplateTest {

    private static final Confirmation ORDER = new Confirmation("shopify", "5100000001", "#1001", "+4915112345678",
            "Jon", "44.98", "EUR", Confirmation.AWAITING, Instant.EPOCH, null, null, null, null, null, null, 0, "none",
            0, null, null, Instant.EPOCH);

    @Test
    void questionCarriesOnePayloadPerButton_thatReadsBackAsTheOrderAndAnswer() {
        var template = CodTemplate.question(ORDER, CodSettings.defaults());

        assertThat(template.name()).isEqualTo("cod_order_confirmation");
        assertThat(template.variables()).containsExactly(java.util.Map.entry("first_name", "Jon"),
                java.util.Map.entry("order_number", "#1001"), java.util.Map.entry("total", "44.98 EUR"));
        assertThat(template.quickReplyPayloads())
                .containsExactly("cod:shopify:5100000001:confirm", "cod:shopify:5100000001:cancel");
        assertThat(CodTemplate.reply("cod:shopify:5100000001:cancel"))
                .contains(new CodTemplate.Reply("shopify", "5100000001", "cancel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP_PROMOTIONS", "cod:shopify:1:maybe", "cod:shopify:1", "cod::1:confirm",
        "cod:shopify:1:confirm:x", ""})
    void otherPayloads_areNotReplies(String payload) {
        assertThat(CodTemplate.reply(payload)).isEmpty();
    }

    @Test
    void writeBackWaits_doubleFromOneMinute_upToAnHour() {
        assertThat(WriteBacks.wait(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(WriteBacks.wait(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(WriteBacks.wait(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(WriteBacks.wait(7)).isEqualTo(Duration.ofHours(1));
        assertThat(WriteBacks.wait(20)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void lateReplyAnswer_saysWhyItWasNotApplied() {
        Confirmation cancelled = new Confirmation("shopify", "1", null, "+4915112345678", null, null, null,
                Confirmation.CANCELLED_IN_STORE, Instant.EPOCH, null, null, null, null, null, null, 0, "none", 0,
                null, null, Instant.EPOCH);

        assertThat(CodFlow.late(cancelled)).isEqualTo("Thank you for your answer. Your order 1 was already"
                + " cancelled, so we could not apply it. Reply to this message if you need help and we will get"
                + " back to you.");
    }
}
