package io.wahub.sdk.testkit;

import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundHttp;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * An {@link OutboundHttp} for plugin unit tests: real HTTP (to WireMock, typically) with the JDK's client, and
 * nothing of the hub's policy. No address guard (tests call localhost), one attempt per request whatever it allows
 * (the hub's retries are the hub's to test), redirects not followed, each attempt bounded by the request's timeout
 * (default {@value #DEFAULT_TIMEOUT_SECONDS} s). Failures carry the hub's codes, so a plugin's classification can
 * be tested. Every request is recorded: {@link #requests()}.
 */
public final class DirectHttp implements OutboundHttp {

    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final List<OutboundRequest> requests = new ArrayList<>();

    @Override
    public OutboundResponse send(OutboundRequest request) throws OutboundFailure {
        synchronized (requests) {
            requests.add(request);
        }
        Duration timeout = request.timeout() != null ? request.timeout() : Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new OutboundResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new OutboundFailure(OutboundFailure.TIMEOUT, request.describe() + ": could not connect within "
                    + timeout.toMillis() + " ms", true, e);
        } catch (HttpTimeoutException e) {
            throw new OutboundFailure(OutboundFailure.TIMEOUT, request.describe() + ": no answer within "
                    + timeout.toMillis() + " ms", true, e);
        } catch (ConnectException e) {
            throw new OutboundFailure(OutboundFailure.CONNECT_FAILED, request.describe() + ": could not connect",
                    true, e);
        } catch (SSLException e) {
            throw new OutboundFailure(OutboundFailure.TLS_FAILED, request.describe() + ": TLS handshake failed",
                    true, e);
        } catch (IOException e) {
            throw new OutboundFailure(OutboundFailure.IO_ERROR, request.describe() + ": connection broken ("
                    + e.getClass().getSimpleName() + ")", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundFailure(OutboundFailure.INTERRUPTED, request.describe() + ": interrupted", true, e);
        }
    }

    /** The requests sent so far, in order. */
    public List<OutboundRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
