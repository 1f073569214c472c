package io.wahub.sdk;

import java.time.Duration;

/**
 * A failed delivery attempt.
 *
 * <p>{@code retryable} tells the hub whether another attempt may succeed (rate limit, 5xx, timeout, connection
 * reset) or not (invalid recipient, bad credentials, window closed). {@code retryAfter}, when the channel said how
 * long to wait, overrides the hub's back-off.
 */
public class SendFailure extends Exception {

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public SendFailure(String code, String detail, boolean retryable, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static SendFailure retryable(String code, String detail) {
        return new SendFailure(code, detail, true, null, null);
    }

    public static SendFailure permanent(String code, String detail) {
        return new SendFailure(code, detail, false, null, null);
    }

    /** A short machine-readable code, for example the channel's error code or {@code http-503}. */
    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the channel asked us to wait, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
