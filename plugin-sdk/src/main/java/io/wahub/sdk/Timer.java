package io.wahub.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer of a feature, as scheduled with {@link Timers#schedule} and handed back to
 * {@link Feature#onTimer} when it is due.
 *
 * @param key   the feature's name for it, unique per tenant and feature (at most {@value #MAX_KEY_LENGTH} characters)
 * @param dueAt when it is due; it fires at or after this instant, never before
 * @param data  the small JSON document scheduled with it (at most {@value #MAX_DATA_BYTES} bytes as UTF-8 JSON),
 *              {@link NullNode} when none was given
 */
public record Timer(String key, Instant dueAt, JsonNode data) {

    /** The longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 200;
    /** The largest data document, in bytes of its UTF-8 JSON. */
    public static final int MAX_DATA_BYTES = 8 * 1024;

    /**
     * @throws IllegalArgumentException when the key is empty or longer than {@value #MAX_KEY_LENGTH} characters,
     *                                  or the data is larger than {@value #MAX_DATA_BYTES} bytes
     */
    public Timer {
        checkKey(key, "key");
        Objects.requireNonNull(dueAt, "dueAt");
        data = data == null ? NullNode.getInstance() : data;
        int bytes = data.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("timer data of " + key + " is " + bytes + " bytes; the limit is "
                    + MAX_DATA_BYTES + " bytes (Timer.MAX_DATA_BYTES): keep large state elsewhere and put its id here");
        }
    }

    /**
     * Checks a timer key or key prefix: not empty, at most {@value #MAX_KEY_LENGTH} characters.
     *
     * @param what how the message names it ({@code key}, {@code prefix})
     * @throws IllegalArgumentException naming the limit
     */
    public static void checkKey(String key, String what) {
        Objects.requireNonNull(key, what);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a timer " + what + " must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a timer " + what + " has at most " + MAX_KEY_LENGTH
                    + " characters (Timer.MAX_KEY_LENGTH); this one has " + key.length());
        }
    }
}
