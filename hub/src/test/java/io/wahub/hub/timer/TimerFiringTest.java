package io.wahub.hub.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wahub.hub.WahubProperties;
import io.wahub.routes.Ref;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The timer table is looked into only when a timer may be due, or after the idle look; never on every tick. */
class TimerFiringTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final TimerRepository repository = mock(TimerRepository.class);
    private final TimerWake wake = new TimerWake();
    private final MovableClock clock = new MovableClock();

    @Test
    void afterALookThatFoundNothing_ticksDoNotQuery_untilTheSoonestTimerIsDue() {
        when(repository.moveDue(any(), anyInt(), any())).thenReturn(List.of());
        when(repository.soonestDue()).thenReturn(NOW.plusSeconds(30));
        TimerFiring firing = firing(Duration.ofHours(1));

        firing.moveDue(); // the first tick looks (overdue timers fire at start)
        for (int i = 0; i < 20; i++) {
            clock.now = clock.now.plusSeconds(1);
            firing.moveDue();
        }
        verify(repository, times(1)).moveDue(any(), anyInt(), any());

        clock.now = NOW.plusSeconds(30);
        firing.moveDue();
        verify(repository, times(2)).moveDue(any(), anyInt(), any());
    }

    @Test
    void aTimerScheduledOnThisNode_isLookedForWhenDue_evenBeforeTheIdleLook() {
        when(repository.moveDue(any(), anyInt(), any())).thenReturn(List.of());
        when(repository.soonestDue()).thenReturn(null);
        TimerFiring firing = firing(Duration.ofHours(1));
        firing.moveDue();

        wake.scheduled(NOW.plusSeconds(5)); // no transaction here: known at once
        clock.now = NOW.plusSeconds(4);
        firing.moveDue();
        verify(repository, times(1)).moveDue(any(), anyInt(), any());
        clock.now = NOW.plusSeconds(5);
        firing.moveDue();
        verify(repository, times(2)).moveDue(any(), anyInt(), any());
    }

    @Test
    void aFullBatch_looksAgainOnTheNextTick_andTheIdleLookCatchesTimersOfOtherNodes() throws Exception {
        List<Ref> full = List.of(new Ref("acme", UUID.randomUUID()), new Ref("acme", UUID.randomUUID()));
        when(repository.moveDue(any(), anyInt(), any())).thenReturn(full, List.of());
        when(repository.soonestDue()).thenReturn(null);
        TimerFiring firing = firing(Duration.ofMillis(50)); // batch size 2, period 0: one batch per tick

        assertThat(firing.moveDue()).hasSize(2);
        assertThat(firing.moveDue()).isEmpty(); // the batch was full: looked again
        verify(repository, times(2)).moveDue(any(), anyInt(), any());
        verify(repository, times(1)).soonestDue();
        Thread.sleep(60); // nothing known to be due: the idle look passes
        firing.moveDue();
        verify(repository, times(3)).moveDue(any(), anyInt(), any());
        verify(repository, never()).apply(any(), any());
    }

    private TimerFiring firing(Duration idleLook) {
        WahubProperties properties = new WahubProperties(Path.of("data"),
                new WahubProperties.Plugins(Path.of("plugins"), false), new WahubProperties.Secrets(List.of()),
                new WahubProperties.Dispatch(true, 5, Duration.ofSeconds(5)),
                new WahubProperties.Delivery(8, Duration.ofSeconds(2), Duration.ofMinutes(10),
                        Duration.ofSeconds(60), true), Map.of());
        return new TimerFiring(repository, clock, new TimerProperties(Duration.ZERO, 2, idleLook), properties, wake);
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
