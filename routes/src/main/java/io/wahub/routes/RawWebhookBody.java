package io.wahub.routes;

import io.wahub.sdk.api.ApiProblem;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the exact bytes of every webhook body off the request before anything can parse them: signatures are
 * computed over raw bytes, and form-encoded calls (WooCommerce's ping) must not be turned into parameters. The
 * ingress route reads the bytes from the {@link #ATTRIBUTE} request attribute; what comes after this filter sees a
 * request whose body has been read, so neither Spring nor Camel reads, copies or parses it again.
 *
 * <p>Webhook URLs take anonymous calls, so a body costs memory only as its bytes arrive, and only within bounds
 * ({@link WebhookBodyProperties}):
 * <ul>
 *   <li>a body declared larger than {@code max-body-bytes} is not read (the route answers 413);</li>
 *   <li>bytes are read into pooled chunks whose size is reserved from the {@link WebhookBodyBudget} first; a request
 *       that cannot get budget is answered 503 with {@code Retry-After} at once;</li>
 *   <li>what arrived with the headers is read on the spot (a typical webhook: the request goes on without a thread
 *       switch); the rest of a body still on its way is read by {@link SlowBody} without blocking a thread, and
 *       answered 408 when it stalls for {@code read-idle-timeout} or is not complete {@code read-deadline} after the
 *       request came in.</li>
 * </ul>
 * The budget a body holds is given back when its request ends, however it ends.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RawWebhookBody extends OncePerRequestFilter {

    /** Request attribute holding the body bytes, or absent when the body was too large. */
    public static final String ATTRIBUTE = "io.wahub.webhook.raw-body";
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(RawWebhookBody.class);
    /** Chunks kept between requests: 2 MiB, enough for a few hundred webhooks in flight without allocating. */
    private static final int IDLE_CHUNKS = 256;
    private static final byte[] EMPTY = new byte[0];

    private final WebhookBodyProperties properties;
    private final WebhookBodyBudget budget;
    private final BodyChunks chunks = new BodyChunks(IDLE_CHUNKS);
    private final ScheduledThreadPoolExecutor timeouts;

    public RawWebhookBody(WebhookBodyProperties properties, WebhookBodyBudget budget) {
        this.properties = properties;
        this.budget = budget;
        this.timeouts = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("webhook-body-timeouts").factory());
        this.timeouts.setRemoveOnCancelPolicy(true);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/webhooks/");
    }

    /** A body {@link SlowBody} finished reading comes back as an ASYNC dispatch. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            chain.doFilter(new BodyTaken(request), response);
            return;
        }
        long startedAt = System.nanoTime();
        long declared = request.getContentLengthLong();
        if (declared > properties.maxBodyBytes()) {
            chain.doFilter(new BodyTaken(request), response);
            return;
        }
        if (declared == 0 || declared < 0 && request.getHeader("Transfer-Encoding") == null) {
            request.setAttribute(ATTRIBUTE, EMPTY);
            chain.doFilter(new BodyTaken(request), response);
            return;
        }
        BodyReader reader = new BodyReader(budget, chunks, declared, properties.maxBodyBytes());
        BodyReader.Progress progress;
        try {
            ServletInputStream in = request.getInputStream();
            // what came with the headers is read now, only bytes already buffered, so no read waits; a chunked body
            // goes to the container's callbacks at once (a buffered byte may be half a chunk header a read waits on)
            progress = declared > 0 ? reader.read(in, () -> in.available() > 0) : BodyReader.Progress.WAITING;
        } catch (IOException gone) {
            reader.release();
            LOG.debug("Webhook body for {} broke off: {}", request.getRequestURI(), gone.toString());
            response.setStatus(400);
            return;
        }
        switch (progress) {
            case WAITING -> readTheRestAsItArrives(request, reader, startedAt);
            case NO_BUDGET -> {
                reader.release();
                ProblemJson.write(response, busy());
            }
            case COMPLETE, TOO_LARGE -> {
                try {
                    if (progress == BodyReader.Progress.COMPLETE) {
                        request.setAttribute(ATTRIBUTE, reader.take());
                    }
                    chain.doFilter(new BodyTaken(request), response);
                } finally {
                    reader.release();
                }
            }
        }
    }

    private void readTheRestAsItArrives(HttpServletRequest request, BodyReader reader, long startedAt)
            throws IOException {
        try {
            SlowBody.start(request, reader, budget, timeouts, new SlowBody.Limits(properties.readIdleTimeout(),
                    properties.readDeadline(), startedAt));
        } catch (IOException | RuntimeException e) {
            reader.release();
            throw e;
        }
    }

    @Override
    public void destroy() {
        timeouts.shutdownNow();
    }

    /** 503: the budget cannot take this body's next bytes. */
    static ApiProblem busy() {
        return new ApiProblem(503, "webhook-intake-busy", "Too many webhooks in flight",
                "The hub is receiving too many webhook bodies at once; nothing was stored. Retry later.",
                Map.of(), Map.of(ApiProblem.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS));
    }

    /** 408: the body came too slowly; {@code what} is completed with the limit, e.g. "… within 30 s". */
    static ApiProblem tooSlow(String what, Duration limit) {
        String amount = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        return new ApiProblem(408, "request-timeout", "Request timeout",
                what + " " + amount + "; nothing was stored.");
    }

    /** The request with its body read: empty, of length 0. */
    private static final class BodyTaken extends HttpServletRequestWrapper {

        BodyTaken(HttpServletRequest request) {
            super(request);
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return -1;
                }

                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** There is nothing left to read: all of it is read at once. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(Reader.nullReader());
        }
    }
}
