package io.wahub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupWriterTest {

    /** Work: a text to write, and the caller's future. */
    private record Work(String text, CompletableFuture<String> written) {
    }

    /** Writes by upper-casing; "boom" fails its caller, then ends the loop with an error, as a writer out of heap. */
    private static final class Upper extends GroupWriter<Work> {

        Upper() {
            super("test-writer", 1, 0);
        }

        @Override
        protected void writeLoop() {
            while (true) {
                Work work;
                try {
                    work = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (work == null) {
                    return;
                }
                if (work.text().equals("boom")) {
                    OutOfMemoryError fatal = new OutOfMemoryError("Java heap space (simulated)");
                    work.written().completeExceptionally(fatal);
                    throw fatal;
                }
                work.written().complete(work.text().toUpperCase());
            }
        }

        CompletableFuture<String> hand(String text) {
            Work work = new Work(text, new CompletableFuture<>());
            queue.add(work);
            return work.written();
        }
    }

    private final Upper writer = new Upper();

    @AfterEach
    void stop() {
        writer.stop();
    }

    @Test
    void writerWhoseLoopEndsWithAnError_writesTheWorkHandedInAfterIt() throws Exception {
        writer.start();

        CompletableFuture<String> failed = writer.hand("boom");
        CompletableFuture<String> later = writer.hand("later");

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("LATER");
    }

    @Test
    void stoppedWriter_writesWhatWasQueuedBeforeTheStop_andItsThreadEnds() throws Exception {
        writer.start();
        CompletableFuture<String> queued = writer.hand("queued");

        writer.stop();

        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("QUEUED");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-writer-"));
    }
}
