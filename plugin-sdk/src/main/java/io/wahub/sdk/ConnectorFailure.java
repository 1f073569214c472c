package io.wahub.sdk;

/**
 * A call a feature made through a connector (a chat model, a payment provider) that failed for good: refused, or
 * still failing after the connector's bounded retries. Subclasses name what failed.
 */
public class ConnectorFailure extends Exception {

    private final String code;
    private final boolean transientFailure;

    public ConnectorFailure(String code, String detail, boolean transientFailure, Throwable cause) {
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
