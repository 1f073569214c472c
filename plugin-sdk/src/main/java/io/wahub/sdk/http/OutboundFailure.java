package io.wahub.sdk.http;

/**
 * A call through {@link OutboundHttp} that was refused or got no answer. The message names the method, host and
 * path and why; it never holds a credential or anything the remote host sent.
 */
public class OutboundFailure extends Exception {

    /** The URL's host resolved (when connecting) to a non-public address, and the host is not allow-listed. */
    public static final String BLOCKED_HOST = "blocked-host";
    /** A plain {@code http} URL for a host the operator did not allow http for. */
    public static final String HTTP_NOT_ALLOWED = "http-not-allowed";
    /** Not an absolute http(s) URL, or one with user info. */
    public static final String BAD_URL = "bad-url";
    /** An attempt, or the whole call, ran out of time. */
    public static final String TIMEOUT = "timeout";
    /** The host could not be resolved or connected to. */
    public static final String CONNECT_FAILED = "connect-failed";
    /** The TLS handshake failed (certificate not trusted, name mismatch, protocol). */
    public static final String TLS_FAILED = "tls-failed";
    /** The connection broke while the request was sent or the answer read. */
    public static final String IO_ERROR = "io-error";
    /** The answer was larger than the hub's limit. */
    public static final String RESPONSE_TOO_LARGE = "response-too-large";
    /** The calling thread was interrupted. */
    public static final String INTERRUPTED = "interrupted";
    /** A header the hub will not send: one it sets itself (Host, Content-Length, …) or a value with a line break. */
    public static final String BAD_REQUEST = "bad-request";
    /** The context offers no outbound HTTP. */
    public static final String UNAVAILABLE = "unavailable";

    private final String code;
    private final boolean transientFailure;

    public OutboundFailure(String code, String detail, boolean transientFailure, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    /** One of the constants of this class. */
    public String code() {
        return code;
    }

    /**
     * Whether trying again later may succeed: timeouts, failed connections and broken connections are transient;
     * refusals ({@code blocked-host}, {@code http-not-allowed}, {@code bad-url}, {@code bad-request},
     * {@code response-too-large}) are not.
     */
    public boolean transientFailure() {
        return transientFailure;
    }
}
