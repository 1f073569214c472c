package io.wahub.hub.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.ChannelConnector.SendRate;
import org.junit.jupiter.api.Test;

/** The in-memory throttle; the PostgreSQL-backed one is exercised end to end by {@code WhatsAppThrottleTest}. */
class SendThrottleTest {

    final SendThrottle throttle = new SendThrottle();

    @Test
    void grantsTheRatePerSecond_thenNothingUntilTheBudgetRefills() {
        SendRate rate = new SendRate("106540352242922", 80);

        assertThat(throttle.acquire("whatsapp-cloud", rate, 50)).isEqualTo(50);
        assertThat(throttle.acquire("whatsapp-cloud", rate, 50)).as("what is left of the second").isEqualTo(30);
        assertThat(throttle.acquire("whatsapp-cloud", rate, 1)).isZero();
    }

    @Test
    void keepsOneBudgetPerNumber() {
        SendRate one = new SendRate("111", 1);
        SendRate other = new SendRate("222", 1);

        assertThat(throttle.acquire("whatsapp-cloud", one, 1)).isEqualTo(1);
        assertThat(throttle.acquire("whatsapp-cloud", other, 1)).isEqualTo(1);
        assertThat(throttle.acquire("whatsapp-cloud", one, 1)).isZero();
    }
}
