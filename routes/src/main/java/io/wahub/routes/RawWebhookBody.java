package io.wahub.routes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the exact bytes of every webhook body (at most {@code wahub.webhooks.max-body-bytes}) off the request before
 * anything can parse them: signatures are computed over raw bytes, and form-encoded calls (WooCommerce's ping) must
 * not be turned into parameters. The ingress route reads the bytes from the {@link #ATTRIBUTE} request attribute;
 * what comes after this filter sees a request whose body has been read, so neither Spring nor Camel reads, copies
 * or parses it again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RawWebhookBody extends OncePerRequestFilter {

    /** Request attribute holding the body bytes, or absent when the body was too large. */
    public static final String ATTRIBUTE = "io.wahub.webhook.raw-body";

    private final int maxBodyBytes;

    public RawWebhookBody(@Value("${wahub.webhooks.max-body-bytes:1048576}") int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared <= maxBodyBytes) {
            byte[] body = declared >= 0 ? readDeclared(request.getInputStream(), (int) declared)
                    : request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (body.length <= maxBodyBytes) {
                request.setAttribute(ATTRIBUTE, body);
            }
        }
        chain.doFilter(new BodyTaken(request), response);
    }

    /** A body of known length, read into an array of that size (the stream ends early if the client gives up). */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
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
