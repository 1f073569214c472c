package io.wahub.hub.outbound;

import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers a plugin may set: names that are HTTP tokens and not ones the transport owns (Host, Content-Length,
 * Transfer-Encoding, Connection, …, and Camel's own {@code Camel…} control headers, which would redirect the call),
 * values without line breaks (no header injection from a tenant's settings).
 */
final class RequestHeaders {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> OWNED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-connection", "proxy-authorization");

    private RequestHeaders() {
    }

    static void check(OutboundRequest request, String what) throws OutboundFailure {
        for (var header : request.headers().entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches() || OWNED.contains(lower) || lower.startsWith("camel")
                    || lower.startsWith("org.apache.camel")) {
                throw new OutboundFailure(OutboundFailure.BAD_REQUEST, what + ": the header name '" + name
                        + "' may not be set by a plugin", false, null);
            }
            if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new OutboundFailure(OutboundFailure.BAD_REQUEST, what + ": the value of header " + name
                        + " holds a line break", false, null);
            }
        }
    }
}
