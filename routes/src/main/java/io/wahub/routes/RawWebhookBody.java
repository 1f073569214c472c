package io.wahub.routes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Captures the exact bytes of every webhook body (at most {@code wahub.webhooks.max-body-bytes}) before anything
 * can parse them: signatures are computed over raw bytes, and form-encoded calls (WooCommerce's ping) must not be
 * turned into parameters. The ingress route reads the bytes from the {@link #ATTRIBUTE} request attribute.
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
        byte[] body = new byte[0];
        if (request.getContentLengthLong() <= maxBodyBytes) {
            byte[] read = request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (read.length <= maxBodyBytes) {
                body = read;
                request.setAttribute(ATTRIBUTE, body);
            }
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** The request with its body replaced by the captured bytes. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The bytes are all in memory: everything is available at once. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        if (in.available() > 0) {
                            listener.onDataAvailable();
                        }
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
