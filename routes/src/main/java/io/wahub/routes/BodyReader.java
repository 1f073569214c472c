package io.wahub.routes;

import jakarta.servlet.ServletInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One webhook body, read as its bytes arrive: into {@link BodyChunks}, each chunk's size reserved from the
 * {@link WebhookBodyBudget} just before bytes that have arrived are read into it. A body therefore holds memory for
 * the bytes it has received (rounded up to a chunk), never for the length it declares.
 *
 * <p>Callers read only when bytes are waiting ({@link Ready}), so no read blocks. One thread at a time: the request
 * thread, then the container's read callbacks, which the container serialises ({@link SlowBody} also locks).
 */
final class BodyReader {

    /** Where a read left the body. */
    enum Progress {
        /** every declared byte is here (for a body of unknown length: see {@link SlowBody#onAllDataRead}) */
        COMPLETE,
        /** more bytes are to come but none is waiting */
        WAITING,
        /** the body is longer than {@code wahub.webhooks.max-body-bytes} */
        TOO_LARGE,
        /** the next bytes would go over the budget */
        NO_BUDGET
    }

    /** Whether bytes are waiting to be read without blocking. */
    @FunctionalInterface
    interface Ready {
        boolean ready() throws IOException;
    }

    private final WebhookBodyBudget budget;
    private final BodyChunks pool;
    private final long declared;
    private final int maxBytes;
    private final List<byte[]> chunks = new ArrayList<>(1);
    private int filled;
    private long received;
    private long reserved;

    /** @param declared the Content-Length, or -1 when the body is chunked */
    BodyReader(WebhookBodyBudget budget, BodyChunks pool, long declared, int maxBytes) {
        this.budget = budget;
        this.pool = pool;
        this.declared = declared;
        this.maxBytes = maxBytes;
    }

    long received() {
        return received;
    }

    /**
     * Reads while {@code ready} says bytes are waiting, at most to the declared length (or one byte over the limit).
     *
     * @throws EOFException when the sender ended the body before its declared length
     */
    Progress read(ServletInputStream in, Ready ready) throws IOException {
        while (declared < 0 || received < declared) {
            if (received > maxBytes) {
                return Progress.TOO_LARGE;
            }
            if (!ready.ready()) {
                return Progress.WAITING;
            }
            if (chunks.isEmpty() || filled == BodyChunks.CHUNK_BYTES) {
                if (!budget.tryReserve(BodyChunks.CHUNK_BYTES)) {
                    return Progress.NO_BUDGET;
                }
                reserved += BodyChunks.CHUNK_BYTES;
                chunks.add(pool.take());
                filled = 0;
            }
            long wanted = (declared < 0 ? maxBytes + 1L : declared) - received;
            int n = in.read(chunks.getLast(), filled, (int) Math.min(BodyChunks.CHUNK_BYTES - filled, wanted));
            if (n < 0) {
                if (declared < 0) {
                    return Progress.WAITING;
                }
                throw new EOFException("the body ended after " + received + " of " + declared + " bytes");
            }
            filled += n;
            received += n;
        }
        return Progress.COMPLETE;
    }

    /**
     * The body as one array of its exact length. The chunks go back to the pool; the budget keeps the body's length
     * reserved until {@link #release}.
     */
    byte[] take() {
        byte[] body = new byte[(int) received];
        int at = 0;
        for (byte[] chunk : chunks) {
            int length = (int) Math.min(chunk.length, received - at);
            System.arraycopy(chunk, 0, body, at, length);
            at += length;
            pool.give(chunk);
        }
        chunks.clear();
        budget.release(reserved - received);
        reserved = received;
        return body;
    }

    /** Gives back the chunks and the whole reservation; idempotent. */
    void release() {
        chunks.forEach(pool::give);
        chunks.clear();
        budget.release(reserved);
        reserved = 0;
    }
}
