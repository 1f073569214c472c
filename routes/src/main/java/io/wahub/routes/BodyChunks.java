package io.wahub.routes;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The fixed-size chunks webhook bodies are read into, reused from one request to the next: a bounded pool (at most
 * {@code maxIdle} chunks wait between requests; more are left to the garbage collector), so a burst does not keep
 * its peak in memory and the steady state allocates no read buffers. A chunk holds a typical webhook (3–7 KB) whole.
 * A reused chunk still holds an earlier body's bytes; {@link BodyReader} only ever copies what it read into it.
 */
final class BodyChunks {

    static final int CHUNK_BYTES = 8192;

    private final ArrayBlockingQueue<byte[]> idle;

    BodyChunks(int maxIdle) {
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    byte[] take() {
        byte[] chunk = idle.poll();
        return chunk != null ? chunk : new byte[CHUNK_BYTES];
    }

    void give(byte[] chunk) {
        idle.offer(chunk);
    }

    int idle() {
        return idle.size();
    }
}
