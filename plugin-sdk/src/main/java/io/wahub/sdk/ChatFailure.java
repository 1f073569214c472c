package io.wahub.sdk;

/**
 * A chat completion that failed for good: refused (4xx: bad request, bad key, unknown model, rate limited) or still
 * failing after the model's bounded retries (5xx, timeouts, connection errors).
 */
public class ChatFailure extends Exception {

    private final String code;
    private final boolean transientFailure;

    public ChatFailure(String code, String detail, boolean transientFailure, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    /** A short machine-readable code such as {@code http-401}, {@code timeout} or {@code no-chat-model}. */
    public String code() {
        return code;
    }

    /** Whether trying again later may succeed (server errors, timeouts, HTTP 429); a caller may retry then. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
