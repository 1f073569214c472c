package io.wahub.hub.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.routes.Ref;
import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendPacerTest {

    private final SendPacer pacer = new SendPacer();

    @Test
    void messagesOverABudget_getTurnsSpacedAtItsRate_eachBudgetItsOwnLine() {
        Duration first = pacer.nextTurn(message(), "whatsapp-cloud", new SendRate("111", 10));
        Duration second = pacer.nextTurn(message(), "whatsapp-cloud", new SendRate("111", 10));
        Duration third = pacer.nextTurn(message(), "whatsapp-cloud", new SendRate("111", 10));
        Duration otherNumber = pacer.nextTurn(message(), "whatsapp-cloud", new SendRate("222", 10));

        assertThat(first).isBetween(Duration.ofMillis(90), Duration.ofMillis(100));
        assertThat(second.minus(first)).isBetween(Duration.ofMillis(95), Duration.ofMillis(105));
        assertThat(third.minus(second)).isBetween(Duration.ofMillis(95), Duration.ofMillis(105));
        assertThat(otherNumber).isBetween(Duration.ofMillis(90), Duration.ofMillis(100));
    }

    @Test
    void aMessageWaitingForItsTurn_isKnownUntilItCame() {
        Ref waiting = message();
        pacer.nextTurn(waiting, "whatsapp-cloud", new SendRate("111", 80));

        assertThat(pacer.isWaiting(waiting)).isTrue();
        assertThat(pacer.isWaiting(message())).isFalse();

        pacer.turnCame(waiting);

        assertThat(pacer.isWaiting(waiting)).isFalse();
    }

    @Test
    void aMessageWhoseTurnPassedLongAgoWithoutComing_isNoLongerTakenForWaiting() {
        AtomicLong now = new AtomicLong();
        SendPacer pacer = new SendPacer(now::get);
        Ref lost = message();
        pacer.nextTurn(lost, "whatsapp-cloud", new SendRate("111", 1)); // its turn: in 1 s

        now.set(Duration.ofSeconds(1 + SendPacer.LOST_AFTER_SECONDS).toNanos());
        assertThat(pacer.isWaiting(lost)).as("at the limit").isTrue();
        now.addAndGet(1);
        assertThat(pacer.isWaiting(lost)).as("past it").isFalse();
    }

    private static Ref message() {
        return new Ref("acme", UUID.randomUUID());
    }
}
