package io.wahub.hub.outbound;

import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpConstants;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP attempt through Camel HTTP ({@code camel-http}, Apache HttpClient 5 underneath), on a component of its
 * own ({@value #COMPONENT}) whose one pooled connection manager resolves names through {@link GuardedDnsResolver}.
 *
 * <p>The component never follows redirects, never retries by itself (the client above decides), keeps no cookies,
 * does not decompress, and copies no request header into the answer. Each attempt's timeouts are an endpoint's
 * options, so there is one endpoint (and one lightweight HttpClient over the shared pool) per timeout in use,
 * rounded up to {@value #TIMEOUT_STEP_MS} ms. The target URL and method travel in the exchange's headers. The
 * answer's body is read here, up to a limit; a larger one aborts the connection instead of draining it.
 */
public class CamelHttpTransport implements AutoCloseable {

    static final String COMPONENT = "wahub-outbound";
    static final long TIMEOUT_STEP_MS = 100;
    private static final int READ_CHUNK = 1024;

    private final CamelContext camel;
    private final Duration connectTimeout;
    private final PoolingHttpClientConnectionManager connections;
    private final HttpComponent component;
    private final ConcurrentMap<Long, Producer> producers = new ConcurrentHashMap<>();

    public CamelHttpTransport(CamelContext camel, OutboundProperties properties, GuardedDnsResolver resolver) {
        this.camel = camel;
        this.connectTimeout = properties.connectTimeout();
        Timeout connect = Timeout.of(properties.connectTimeout());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnectionsPerHost())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
                .build();
        this.component = new HttpComponent();
        component.setClientConnectionManager(connections);
        component.setFollowRedirects(false);
        component.setRedirectHandlingDisabled(true);
        component.setAutomaticRetriesDisabled(true);
        component.setContentCompressionDisabled(true);
        component.setCookieManagementDisabled(true);
        component.setAuthCachingDisabled(true);
        component.setCopyHeaders(false);
        component.setUseSystemProperties(false);
        component.setUserAgent("Wahub");
        camel.addComponent(COMPONENT, component);
    }

    /**
     * Sends the request once and reads the answer.
     *
     * @param timeout  bounds connecting (with the configured connect timeout as a ceiling), waiting for a pooled
     *                 connection and every read of the answer
     * @param maxBytes the largest body read
     * @throws ResponseTooLargeException when the body is larger
     * @throws Exception                 whatever HttpClient or Camel threw (the caller classifies it)
     */
    public OutboundResponse attempt(OutboundRequest request, Duration timeout, long maxBytes) throws Exception {
        Producer producer = producer(timeout);
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, Boolean.TRUE);
        Message in = exchange.getIn();
        request.headers().forEach(in::setHeader);
        in.setHeader(HttpConstants.HTTP_URI, request.uri().toASCIIString());
        // the enum, not its name: Camel would convert a String by a type-converter lookup that misses its cache on
        // every request (6 % of a busy hub's CPU)
        in.setHeader(HttpConstants.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        in.setBody(request.body());
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(HttpConstants.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = read(out.getBody(), maxBytes);
        return new OutboundResponse(status == null ? 0 : status, headers(out), body);
    }

    private Producer producer(Duration timeout) {
        long millis = Math.max(TIMEOUT_STEP_MS,
                (timeout.toMillis() + TIMEOUT_STEP_MS - 1) / TIMEOUT_STEP_MS * TIMEOUT_STEP_MS);
        return producers.computeIfAbsent(millis, this::createProducer);
    }

    private Producer createProducer(long timeoutMillis) {
        long connect = Math.min(connectTimeout.toMillis(), timeoutMillis);
        String uri = COMPONENT + "://outbound.invalid?throwExceptionOnFailure=false&disableStreamCache=true"
                + "&copyHeaders=false&connectTimeout=" + connect + "&responseTimeout=" + timeoutMillis
                + "&connectionRequestTimeout=" + timeoutMillis;
        try {
            Producer producer = camel.getEndpoint(uri).createProducer();
            ServiceHelper.startService(producer);
            return producer;
        } catch (Exception e) {
            throw new IllegalStateException("the outbound HTTP endpoint could not be created: " + uri, e);
        }
    }

    /** The answer's headers, without Camel's own ({@code Camel…}). */
    private static Map<String, List<String>> headers(Message out) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        out.getHeaders().forEach((name, value) -> {
            if (name.regionMatches(true, 0, "Camel", 0, 5) || value == null) {
                return;
            }
            headers.put(name, value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(value)));
        });
        return headers;
    }

    /** Reads up to {@code maxBytes}; past it, or on any read error, the connection is aborted, not drained. */
    private static byte[] read(Object body, long maxBytes) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            if (bytes.length > maxBytes) {
                throw new ResponseTooLargeException(maxBytes);
            }
            return bytes;
        }
        if (!(body instanceof InputStream stream)) {
            throw new IOException("unexpected answer body " + body.getClass().getName());
        }
        // 1 KB at a time: a vendor's answer is mostly a few hundred bytes, and these buffers are allocated per call
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(READ_CHUNK);
        byte[] chunk = new byte[READ_CHUNK];
        boolean complete = false;
        try {
            int n;
            while ((n = stream.read(chunk)) != -1) {
                if (buffer.size() + n > maxBytes) {
                    throw new ResponseTooLargeException(maxBytes);
                }
                buffer.write(chunk, 0, n);
            }
            complete = true;
        } finally {
            if (!complete) {
                abort(stream);
            }
            stream.close();
        }
        return buffer.toByteArray();
    }

    /** Drops the connection: closing a half-read body would read the rest of it first. */
    private static void abort(InputStream stream) {
        if (stream instanceof EofSensorInputStream sensor) {
            try {
                sensor.abort();
            } catch (IOException ignored) {
                // the connection is being discarded anyway
            }
        }
    }

    @Override
    public void close() {
        producers.values().forEach(ServiceHelper::stopService);
        producers.clear();
        connections.close();
    }

    /** An answer larger than the limit. */
    static final class ResponseTooLargeException extends IOException {
        final long limit;

        ResponseTooLargeException(long limit) {
            super("answer larger than " + limit + " bytes");
            this.limit = limit;
        }
    }
}
