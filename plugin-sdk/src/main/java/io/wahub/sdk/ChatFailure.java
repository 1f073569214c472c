package io.wahub.sdk;

/**
 * A chat completion that failed for good: refused (4xx: bad request, bad key, unknown model, rate limited) or still
 * failing after the model's bounded retries (5xx, timeouts, connection errors).
 */
public class ChatFailure extends ConnectorFailure {

    public ChatFailure(String code, String detail, boolean transientFailure, Throwable cause) {
        super(code, detail, transientFailure, cause);
    }
}
