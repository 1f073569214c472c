package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a body holds of the budget while it arrives, once it is complete, and after its request. */
class BodyReaderTest {

    private static final int CHUNK = BodyChunks.CHUNK_BYTES;

    private final WebhookBodyBudget budget = new WebhookBodyBudget(
            new WebhookBodyProperties(100_000, 3L * CHUNK, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    private final BodyChunks pool = new BodyChunks(4);

    @Test
    void bytesThatHaveArrived_reserveTheirChunksOnly_notTheDeclaredLength() throws Exception {
        Arriving in = new Arriving(new byte[10]);
        BodyReader reader = new BodyReader(budget, pool, 90_000, 100_000);

        BodyReader.Progress progress = reader.read(in, in::isReady);

        assertThat(progress).isEqualTo(BodyReader.Progress.WAITING);
        assertThat(reader.received()).isEqualTo(10);
        assertThat(budget.inUse()).isEqualTo(CHUNK);
    }

    @Test
    void completeBody_isItsExactBytes_andKeepsOnlyItsLengthReservedUntilReleased() throws Exception {
        byte[] sent = new byte[CHUNK + 100];
        Arrays.fill(sent, (byte) 'x');
        sent[sent.length - 1] = '!';
        Arriving in = new Arriving(sent);
        BodyReader reader = new BodyReader(budget, pool, sent.length, 100_000);

        assertThat(reader.read(in, in::isReady)).isEqualTo(BodyReader.Progress.COMPLETE);
        assertThat(budget.inUse()).isEqualTo(2L * CHUNK);
        byte[] body = reader.take();

        assertThat(body).isEqualTo(sent);
        assertThat(budget.inUse()).isEqualTo(sent.length);
        assertThat(pool.idle()).isEqualTo(2);
        reader.release();
        reader.release();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void bodyWhoseNextChunkWouldGoOverTheBudget_stopsThere() throws Exception {
        Arriving in = new Arriving(new byte[4 * CHUNK]);
        BodyReader reader = new BodyReader(budget, pool, 4L * CHUNK, 100_000);

        assertThat(reader.read(in, in::isReady)).isEqualTo(BodyReader.Progress.NO_BUDGET);
        assertThat(reader.received()).isEqualTo(3L * CHUNK);
        reader.release();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void chunkedBodyOverTheLimit_isTooLarge_afterOneByteMore() throws Exception {
        Arriving in = new Arriving(new byte[5000]);
        BodyReader reader = new BodyReader(budget, pool, -1, 4096);

        assertThat(reader.read(in, in::isReady)).isEqualTo(BodyReader.Progress.TOO_LARGE);
        assertThat(reader.received()).isEqualTo(4097);
    }

    @Test
    void bodyEndingBeforeItsDeclaredLength_isAnEndOfFile() {
        Arriving in = new Arriving("{\"id\":".getBytes(StandardCharsets.UTF_8)).thenEnd();
        BodyReader reader = new BodyReader(budget, pool, 500, 100_000);

        EOFException ended = catchThrowableOfType(EOFException.class, () -> reader.read(in, () -> true));

        assertThat(ended).hasMessage("the body ended after 6 of 500 bytes");
        reader.release();
        assertThat(budget.inUse()).isZero();
    }

    /** The bytes that have arrived so far; ready while some are unread. */
    private static final class Arriving extends ServletInputStream {
        private final ByteArrayInputStream bytes;
        private boolean ended;

        Arriving(byte[] arrived) {
            this.bytes = new ByteArrayInputStream(arrived);
        }

        Arriving thenEnd() {
            ended = true;
            return this;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            int n = bytes.read(target, offset, length);
            return n < 0 && !ended ? 0 : n;
        }

        @Override
        public boolean isFinished() {
            return ended && bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return bytes.available() > 0;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
