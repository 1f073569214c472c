package io.wahub.hub.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory throttle; the PostgreSQL-backed one is exercised end to end by {@code WhatsAppThrottleTest}. */
class SendThrottleTest {

    final SendThrottle throttle = new SendThrottle();

    @Test
    void allowsTheRatePerSecond_thenAsksToWait() {
        SendRate rate = new SendRate("106540352242922", 80);

        for (int i = 0; i < 80; i++) {
            assertThat(throttle.acquire("whatsapp-cloud", rate)).as("send %d", i).isEmpty();
        }
        var wait = throttle.acquire("whatsapp-cloud", rate);

        assertThat(wait).isPresent();
        assertThat(wait.get()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(13));
    }

    @Test
    void keepsOneBudgetPerNumber() {
        SendRate one = new SendRate("111", 1);
        SendRate other = new SendRate("222", 1);

        assertThat(throttle.acquire("whatsapp-cloud", one)).isEmpty();
        assertThat(throttle.acquire("whatsapp-cloud", other)).isEmpty();
        assertThat(throttle.acquire("whatsapp-cloud", one)).isPresent();
    }
}
