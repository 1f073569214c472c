package io.wahub.sdk.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request a plugin asks {@link OutboundHttp} to make. Build it with {@link #get}/{@link #post} and the
 * {@code with…} style methods below; every method returns a new request.
 *
 * <pre>{@code
 * OutboundRequest request = OutboundRequest.post(uri, "application/json", body)
 *         .header("Authorization", "Bearer " + token)
 *         .timeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * @param method         {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param uri            the absolute {@code https} (or operator-allowed {@code http}) URL, query included
 * @param headers        header names and values, in the order given; {@code Content-Type} included for a body
 * @param body           the body, or {@code null} for none
 * @param timeout        the bound of each attempt, from connecting to the answer's last byte; {@code null} for the
 *                       hub's default. The hub caps it.
 * @param idempotencyKey sent as {@code Idempotency-Key}; makes the request safe to repeat. {@code null} for none
 * @param attempts       how many attempts at most (1: no retry); only {@link #retryable()} requests are repeated
 * @param repeatable     declared safe to repeat although neither GET nor carrying an idempotency key (a read
 *                       expressed as a POST, such as a chat completion)
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
                              String idempotencyKey, int attempts, boolean repeatable) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String MASK = "***";
    private static final int SAFE_TEXT_LENGTH = 300;

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported HTTP method " + method);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> put(copy, Objects.requireNonNull(name, "header name"),
                    Objects.requireNonNull(value, "value of header " + name)));
        }
        if (idempotencyKey != null) {
            put(copy, IDEMPOTENCY_KEY, idempotencyKey);
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A GET of {@code uri}: one attempt, the hub's default timeout. */
    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri, Map.of(), null, null, null, 1, false);
    }

    /** A POST of {@code body} as {@code contentType}: one attempt, the hub's default timeout. */
    public static OutboundRequest post(URI uri, String contentType, byte[] body) {
        return new OutboundRequest("POST", uri, Map.of("Content-Type", contentType), body, null, null, 1, false);
    }

    /** A POST of a UTF-8 text body (JSON, a form). */
    public static OutboundRequest post(URI uri, String contentType, String body) {
        return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** This request with the header set (replacing one of the same name, whatever its case). */
    public OutboundRequest header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        put(copy, name, value);
        return new OutboundRequest(method, uri, copy, body, timeout, idempotencyKey, attempts, repeatable);
    }

    /** This request with each attempt bounded by {@code perAttempt} (the hub caps it). */
    public OutboundRequest timeout(Duration perAttempt) {
        return new OutboundRequest(method, uri, headers, body, perAttempt, idempotencyKey, attempts, repeatable);
    }

    /** This request sent with {@code Idempotency-Key: key}, which makes it safe to repeat. */
    public OutboundRequest idempotencyKey(String key) {
        return new OutboundRequest(method, uri, headers, body, timeout, Objects.requireNonNull(key, "key"), attempts,
                repeatable);
    }

    /** This request tried up to {@code maxAttempts} times if it is {@link #retryable()} (the hub caps it). */
    public OutboundRequest attempts(int maxAttempts) {
        return new OutboundRequest(method, uri, headers, body, timeout, idempotencyKey, maxAttempts, repeatable);
    }

    /**
     * This request declared safe to repeat: sending it twice has the effect of sending it once (a chat completion,
     * a search). Only then may a POST without an idempotency key be retried.
     */
    public OutboundRequest safeToRepeat() {
        return new OutboundRequest(method, uri, headers, body, timeout, idempotencyKey, attempts, true);
    }

    /** Whether the hub may send this request more than once: GET, HEAD, an idempotency key, or declared so. */
    public boolean retryable() {
        return method.equals("GET") || method.equals("HEAD") || idempotencyKey != null || repeatable;
    }

    /** The header's value (name matched in any case), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** {@code METHOD scheme://host[:port]/path[?query]} with the values of key-like query parameters masked. */
    public String describe() {
        return method + " " + Redaction.url(uri);
    }

    /**
     * {@code text} made fit to show or store: every credential this request carries (header values, their decoded
     * forms, key-like query parameters) masked, control characters removed, whitespace collapsed, and cut to
     * {@value #SAFE_TEXT_LENGTH} characters. Use it for any text a remote host sent, such as a vendor's error message.
     */
    public String safeText(String text) {
        if (text == null) {
            return "";
        }
        String masked = Redaction.mask(text, Redaction.secretsOf(this), MASK);
        String clean = masked.replaceAll("[\\p{Cntrl}&&[^\\t\\n\\r]]", "").replaceAll("\\s+", " ").strip();
        return clean.length() <= SAFE_TEXT_LENGTH ? clean : clean.substring(0, SAFE_TEXT_LENGTH - 1) + "…";
    }

    /** Masks every credential this request carries in {@code text}; nothing else is changed. */
    public String redact(String text) {
        return text == null ? null : Redaction.mask(text, Redaction.secretsOf(this), MASK);
    }

    /** Whether the header carries a credential: Authorization, Cookie, or a name with key, token, secret, … . */
    public static boolean isSecretHeader(String name) {
        return Redaction.isSecretName(name) && !name.equalsIgnoreCase(IDEMPOTENCY_KEY);
    }

    private static void put(Map<String, String> headers, String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
    }

    /** Masks the credentials so a request never leaks them into a log line. */
    @Override
    public String toString() {
        return "OutboundRequest[" + describe() + ", attempts=" + attempts + ", timeout=" + timeout + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundRequest that && method.equals(that.method) && uri.equals(that.uri)
                && headers.equals(that.headers) && java.util.Arrays.equals(body, that.body)
                && Objects.equals(timeout, that.timeout) && Objects.equals(idempotencyKey, that.idempotencyKey)
                && attempts == that.attempts && repeatable == that.repeatable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body), timeout, idempotencyKey, attempts,
                repeatable);
    }
}
