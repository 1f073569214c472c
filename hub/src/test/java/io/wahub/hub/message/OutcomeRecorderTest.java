package io.wahub.hub.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.message.MessageOutcomes.Outcome;
import io.wahub.routes.Ref;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outcome writers wait for work without a timeout (an idle hub does not wake them), and still: what was handed in
 * before a stop is written by it, the stop does not wait out a poll, an outcome handed in after it is written at once,
 * and a start after a stop takes outcomes again.
 */
class OutcomeRecorderTest {

    private final List<Ref> written = Collections.synchronizedList(new ArrayList<>());
    private final MessageOutcomes outcomes = mock(MessageOutcomes.class);
    private final CountDownLatch release = new CountDownLatch(1);

    OutcomeRecorderTest() {
        doAnswer(call -> {
            release.await(10, TimeUnit.SECONDS);
            List<Outcome> batch = call.getArgument(0);
            batch.forEach(outcome -> written.add(outcome.ref()));
            return null;
        }).when(outcomes).record(anyList());
    }

    @Test
    void stop_writesWhatWasHandedInBefore_andReturnsAtOnce() throws Exception {
        OutcomeRecorder recorder = new OutcomeRecorder(outcomes, properties(), 2);
        recorder.start();
        List<CompletableFuture<Void>> recorded = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // the writers block in their first write until released: the rest queue up
            recorded.add(recorder.record(Outcome.sent(new Ref("t", UUID.randomUUID()), "wamid." + i)));
        }
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(recorder::stop);
        release.countDown();
        stopped.get(2, TimeUnit.SECONDS);

        assertThat(recorded).allSatisfy(future -> assertThat(future).isCompleted().isNotCompletedExceptionally());
        assertThat(written).hasSize(50);
        assertThat(recorder.isRunning()).isFalse();
    }

    @Test
    void idleWritersStopAtOnce_laterOutcomesAreWrittenDirectly_andARestartTakesOutcomesAgain() throws Exception {
        release.countDown();
        OutcomeRecorder recorder = new OutcomeRecorder(outcomes, properties(), 2);
        recorder.start();
        Thread.sleep(300); // both writers waiting for work

        long started = System.nanoTime();
        recorder.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(150));

        recorder.record(Outcome.sent(new Ref("t", UUID.randomUUID()), "wamid.after-stop")).get(2, TimeUnit.SECONDS);
        recorder.start();
        recorder.record(Outcome.sent(new Ref("t", UUID.randomUUID()), "wamid.restarted")).get(2, TimeUnit.SECONDS);
        recorder.stop();
        assertThat(written).hasSize(2);
    }

    private static WahubProperties properties() {
        return new WahubProperties(Path.of("data"), new WahubProperties.Plugins(Path.of("plugins"), false),
                new WahubProperties.Secrets(List.of()), new WahubProperties.Dispatch(true, 5, Duration.ofSeconds(5)),
                new WahubProperties.Delivery(8, Duration.ofSeconds(2), Duration.ofMinutes(10),
                        Duration.ofSeconds(60), true), Map.of());
    }
}
