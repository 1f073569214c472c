package io.wahub.plugins.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeTest {

    static Order order(String currency, Long totalMinor, String carrier, String number, String url) {
        return new Order(null, "shopify", "820982911946154508", "#1001", "shipped", null, null, null, null, false,
                currency, totalMinor, null, null, null, null, "+4915112345678", "Jon", "Doe", null, null, carrier,
                number, url, "[]", null, null);
    }

    @Test
    void shipped_insideTheWindow_isTextWithCarrierTrackingNumberAndLink() {
        Notice notice = Notice.of(Notice.Kind.SHIPPED, order("EUR", 4498L, "DHL Express", "1234567890",
                "https://dhl.example/t?id=1234567890"));

        OutboundMessage message = notice.message(true, OrdersSettings.defaults(), "k1");

        assertThat(message.category()).isEqualTo(MessageCategory.UTILITY);
        assertThat(message.text()).isEqualTo("Hi Jon, your order #1001 is on its way!\n\nCarrier: DHL Express\n"
                + "Tracking number: 1234567890\nTrack it: https://dhl.example/t?id=1234567890");
    }

    @Test
    void shipped_withoutTracking_outsideTheWindow_isTheTemplateWithDashesForWhatIsMissing() {
        OutboundMessage message = Notice.of(Notice.Kind.SHIPPED, order("EUR", 4498L, null, null, null))
                .message(false, OrdersSettings.defaults(), "k1");

        assertThat(message.text()).isNull();
        assertThat(message.template().name()).isEqualTo("order_shipped");
        assertThat(Notice.of(Notice.Kind.SHIPPED, order("EUR", 4498L, null, null, null)).variables(Locale.US))
                .containsExactly(Map.entry("customer_name", "Jon"), Map.entry("order_number", "#1001"),
                        Map.entry("carrier", "-"), Map.entry("tracking_number", "-"), Map.entry("tracking_url", "-"));
    }

    @Test
    void refunded_formatsTheAmountWithEachCurrencysDecimals() {
        assertThat(new Notice(Notice.Kind.REFUNDED, order("JPY", 1500L, null, null, null), 1500L, "JPY")
                .text(Locale.US)).isEqualTo("Hi Jon, we have refunded ¥1,500 for your order #1001. It can take a few"
                + " days to show on your statement.");
        assertThat(new Notice(Notice.Kind.REFUNDED, order("EUR", 4498L, null, null, null), 1999L, "EUR")
                .variables(Locale.GERMANY)).containsEntry("amount", "19,99\u00a0€");
        assertThat(Notice.of(Notice.Kind.REFUNDED, order("KWD", 12500L, null, null, null)).variables(Locale.US))
                .containsEntry("amount", "KWD\u00a012.500");
    }

    @Test
    void everyShippedTemplate_hasAnExampleForEachVariable() {
        for (var draft : Notice.DRAFTS) {
            var names = java.util.regex.Pattern.compile("\\{\\{(\\w+)}}").matcher(draft.body()).results()
                    .map(m -> m.group(1)).toList();
            assertThat(draft.examples().keySet()).as(draft.name()).containsExactlyInAnyOrderElementsOf(names);
            assertThat(draft.category()).isEqualTo(MessageCategory.UTILITY);
        }
    }

    @Test
    void status_movesForwardOnly_andCancelledOrRefundedEndIt() {
        assertThat(Order.next(null, null)).isEqualTo("open");
        assertThat(Order.next("shipped", "paid")).isEqualTo("shipped");
        assertThat(Order.next("paid", "delivered")).isEqualTo("delivered");
        assertThat(Order.next("cancelled", "shipped")).isEqualTo("cancelled");
        assertThat(Order.next("cancelled", "refunded")).isEqualTo("refunded");
        assertThat(Order.next("refunded", "cancelled")).isEqualTo("refunded");
    }
}
