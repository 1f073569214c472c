package io.wahub.hub.outbound;

import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundHttp;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@link OutboundHttp}, one for all plugins: checks the request ({@link OutboundGuard}, headers), makes
 * its attempts through {@link CamelHttpTransport}, each on a virtual thread of its own that is interrupted (closing
 * its socket) when the attempt's bound passes, retries what the contract allows with back-off or the answer's
 * {@code Retry-After}, and bounds the whole call. Failures and logs describe the request with
 * {@link OutboundRequest#describe()} (key-like query values masked) and never quote a header or an exception's text.
 */
public class OutboundClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundClient.class);
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);

    private final OutboundProperties properties;
    private final OutboundGuard guard;
    private final CamelHttpTransport transport;
    private final OutboundMetrics metrics;
    private final Clock clock;
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("outbound-http-", 0).factory());

    public OutboundClient(OutboundProperties properties, OutboundGuard guard, CamelHttpTransport transport,
                          OutboundMetrics metrics, Clock clock) {
        this.properties = properties;
        this.guard = guard;
        this.transport = transport;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The client an extension gets for a tenant ({@code PluginContext.http()}). */
    public OutboundHttp forExtension(String tenantId, String extensionId) {
        return request -> send(tenantId, extensionId, request);
    }

    /**
     * A client that reaches only {@code trustedHosts} (and refuses every other host as {@code blocked-host}), for
     * calls whose answer the hub trusts, such as a proof of control of a routing key.
     */
    public OutboundHttp restrictedTo(String tenantId, String extensionId, List<String> trustedHosts, String why) {
        List<String> trusted = trustedHosts.stream().map(OutboundProperties::normalise).toList();
        return request -> {
            String host = request.uri().getHost() == null ? "" : OutboundProperties.normalise(request.uri().getHost());
            if (!trusted.contains(host)) {
                LOG.info("Refused outbound {} of {} for tenant {}: {} is not trusted for {}", request.describe(),
                        extensionId, tenantId, host, why);
                throw new OutboundFailure(OutboundFailure.BLOCKED_HOST, request.describe() + ": refused, " + host
                        + " is not a host the operator trusts for " + why, false, null);
            }
            return send(tenantId, extensionId, request);
        };
    }

    OutboundResponse send(String tenantId, String extensionId, OutboundRequest request) throws OutboundFailure {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            OutboundResponse response = sendChecked(extensionId, request, started);
            outcome = OutboundMetrics.statusClass(response.status());
            return response;
        } catch (OutboundFailure failure) {
            outcome = failure.code();
            if (failure.code().equals(OutboundFailure.BLOCKED_HOST)
                    || failure.code().equals(OutboundFailure.HTTP_NOT_ALLOWED)) {
                LOG.warn("Refused outbound call of {} for tenant {}: {}", extensionId, tenantId, failure.getMessage());
            } else {
                LOG.info("Outbound call of {} for tenant {} failed: {}", extensionId, tenantId, failure.getMessage());
            }
            throw failure;
        } finally {
            metrics.call(extensionId, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private OutboundResponse sendChecked(String extensionId, OutboundRequest request, long started)
            throws OutboundFailure {
        String what = request.describe();
        RequestHeaders.check(request, what);
        guard.checkUrl(request.uri(), what);
        long deadline = started + properties.maxTotal().toNanos();
        int maxAttempts = request.retryable() ? Math.min(request.attempts(), properties.maxAttempts()) : 1;
        Duration perAttempt = min(request.timeout() == null ? properties.defaultTimeout() : request.timeout(),
                properties.maxTimeout());
        boolean staleConnectionRetried = false;
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.toMillis() <= 0) {
                throw AttemptFailures.timeout(what, properties.maxTotal(), null);
            }
            Duration bound = min(perAttempt, left);
            boolean last = attempt >= maxAttempts;
            OutboundResponse response;
            try {
                response = attempt(request, bound, what);
            } catch (OutboundFailure failure) {
                if (request.retryable() && !staleConnectionRetried
                        && failure.getCause() instanceof NoHttpResponseException) {
                    // the server closed a pooled keep-alive connection as the request went out: not the vendor's
                    // failure, and the request is safe to repeat: once more at once, on a fresh connection
                    LOG.debug("{}: the server closed the pooled connection without answering; trying again", what);
                    staleConnectionRetried = true;
                    attempt--;
                    continue;
                }
                if (last || !failure.transientFailure()) {
                    throw attempt == 1 ? failure : new OutboundFailure(failure.code(), failure.getMessage()
                            + " (attempt " + attempt + ")", failure.transientFailure(), failure.getCause());
                }
                pause(backoff(attempt), deadline, what, failure);
                metrics.retry(extensionId, failure.code());
                continue;
            }
            if (last || !RETRIED_STATUSES.contains(response.status())) {
                return response;
            }
            Optional<Duration> retryAfter = response.retryAfter(clock);
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(properties.maxRetryWait()) > 0
                    || System.nanoTime() + wait.toNanos() >= deadline) {
                return response;
            }
            LOG.debug("{} answered {}; attempt {} in {} ms", what, response.status(), attempt + 1, wait.toMillis());
            sleep(wait, what);
            metrics.retry(extensionId, String.valueOf(response.status()));
        }
    }

    /** One attempt on a virtual thread of its own, interrupted when {@code bound} has passed. */
    private OutboundResponse attempt(OutboundRequest request, Duration bound, String what) throws OutboundFailure {
        Future<OutboundResponse> result = attempts.submit(() -> transport.attempt(request, bound,
                properties.maxResponseSize().toBytes()));
        try {
            return result.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw AttemptFailures.timeout(what, bound, null);
        } catch (ExecutionException e) {
            throw AttemptFailures.classify(e.getCause(), what, bound);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new OutboundFailure(OutboundFailure.INTERRUPTED, what + ": interrupted", true, e);
        }
    }

    /** Exponential back-off from the initial wait, with jitter (half fixed, half random), capped. */
    private Duration backoff(int attempt) {
        long base = Math.min(properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20),
                properties.maxRetryWait().toMillis());
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private void pause(Duration wait, long deadline, String what, OutboundFailure failure) throws OutboundFailure {
        if (System.nanoTime() + wait.toNanos() >= deadline) {
            throw failure;
        }
        sleep(wait, what);
    }

    private static void sleep(Duration wait, String what) throws OutboundFailure {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundFailure(OutboundFailure.INTERRUPTED, what + ": interrupted", true, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        attempts.shutdownNow();
    }
}
