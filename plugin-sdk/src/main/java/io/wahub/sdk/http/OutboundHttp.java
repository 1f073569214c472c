package io.wahub.sdk.http;

/**
 * The only way a plugin reaches the network: {@link io.wahub.sdk.PluginContext#http()}. The hub implements it once
 * for every plugin, so every call to a tenant-chosen host passes the same guard, limits, retries and redaction.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Threading:</b> {@link #send} blocks until the answer has been read in full (or the call failed); call it
 *       from any thread, concurrently. The client pools connections; never make a client of your own.</li>
 *   <li><b>What is refused</b> ({@link OutboundFailure} with a stable {@link OutboundFailure#code() code}, nothing
 *       is sent): plain {@code http} unless the operator allows it for the host ({@code http-not-allowed}); a host
 *       whose address, <em>as resolved when connecting</em>, is loopback, private, link-local, unique-local,
 *       carrier-grade NAT, multicast, unspecified or otherwise reserved (IPv4 and IPv6, IPv4-mapped included),
 *       unless the operator allow-listed the host ({@code blocked-host}); URLs with user info or that are not
 *       absolute ({@code bad-url}). Redirects are never followed: a 3xx is returned as the response, like any other
 *       status.</li>
 *   <li><b>Timeouts:</b> {@link OutboundRequest#timeout()} bounds each attempt from connecting to the last byte of
 *       the answer; the hub caps it (30 s by default) and bounds the whole call, retries and waits included (60 s
 *       by default). Answers larger than the hub's limit (4 MiB by default) fail with {@code response-too-large}.
 *   </li>
 *   <li><b>Retries:</b> only a request that is safe to repeat ({@link OutboundRequest#retryable()}: GET/HEAD, one
 *       carrying an {@link OutboundRequest#idempotencyKey() idempotency key}, or one declared
 *       {@link OutboundRequest#safeToRepeat() safe to repeat}) is tried again, up to
 *       {@link OutboundRequest#attempts()} times (capped by the hub): after a timeout, a failed connection or
 *       reset, or an answer 429, 500, 502, 503 or 504, with exponential back-off, or after the answer's
 *       {@code Retry-After} when it sent one. A {@code Retry-After} longer than the hub's bound (10 s by default) or
 *       than the time left ends the retries: the answer is returned at once, so the caller can report it. Every
 *       other request makes exactly one attempt.</li>
 *   <li><b>Answers:</b> every HTTP status, 4xx and 5xx included, comes back as an {@link OutboundResponse} (after
 *       the retries); only a call that got no answer throws. Classify the answer yourself.</li>
 *   <li><b>Secrets:</b> header values that carry credentials ({@code Authorization}, {@code apikey}, any header
 *       named like a key, token or secret) and key-like query parameters never appear in the hub's logs, metrics or
 *       in {@link OutboundFailure} messages. Text taken from an answer (a vendor's error message) must pass through
 *       {@link OutboundRequest#safeText} before it is shown or stored.</li>
 * </ul>
 */
public interface OutboundHttp {

    /**
     * Sends the request (with the retries it allows) and reads the answer.
     *
     * @return the last answer, whatever its status
     * @throws OutboundFailure when the request was refused or no answer came
     */
    OutboundResponse send(OutboundRequest request) throws OutboundFailure;
}
