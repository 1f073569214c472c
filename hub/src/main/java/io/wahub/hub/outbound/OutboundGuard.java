package io.wahub.hub.outbound;

import io.wahub.sdk.http.OutboundFailure;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outbound guard's rules, in one place: which URLs may be called at all (before anything is sent) and which
 * resolved addresses may be connected to (when connecting, by {@link GuardedDnsResolver}).
 *
 * <ul>
 *   <li>absolute {@code https} URLs; {@code http} only for the operator's {@code wahub.outbound.http-hosts};</li>
 *   <li>no user info in the URL (credentials travel in headers, where they are redacted);</li>
 *   <li>every address the host resolves to must be {@link AddressClass#PUBLIC}, unless the host is one of the
 *       operator's {@code wahub.outbound.allowed-hosts}: one non-public address refuses the host (a name resolving
 *       to a public and a private address is refused, not half-used).</li>
 * </ul>
 */
public class OutboundGuard {

    /** A literal IPv4 or IPv6 address (IPv6 possibly in brackets). */
    private static final Pattern IP_LITERAL = Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.%]*]?|[0-9.]+");

    private final OutboundProperties properties;

    public OutboundGuard(OutboundProperties properties) {
        this.properties = properties;
    }

    /**
     * Checks what can be checked without the network: scheme, host, user info, and a literal address.
     *
     * @param what how messages name the request, e.g. {@code POST https://api.example.com/v1/x}
     * @throws OutboundFailure {@code bad-url}, {@code http-not-allowed} or {@code blocked-host}
     */
    public void checkUrl(URI uri, String what) throws OutboundFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new OutboundFailure(OutboundFailure.BAD_URL, what + ": not an absolute http(s) URL with a host",
                    false, null);
        }
        if (uri.toString().indexOf('{') >= 0 || uri.toString().indexOf('}') >= 0) {
            throw new OutboundFailure(OutboundFailure.BAD_URL, what + ": braces are refused in a URL", false, null);
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundFailure(OutboundFailure.BAD_URL, what + ": a URL with user info is refused; send"
                    + " credentials in a header", false, null);
        }
        String host = uri.getHost();
        if (scheme.equals("http") && !properties.allowsHttp(host)) {
            throw new OutboundFailure(OutboundFailure.HTTP_NOT_ALLOWED, what + ": plain http is refused for "
                    + OutboundProperties.normalise(host) + "; use https (the operator may allow http for a host in"
                    + " wahub.outbound.http-hosts)", false, null);
        }
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            refuseUnlessAllowed(host, new InetAddress[] {literal.get()}, what);
        }
    }

    /**
     * Checks the addresses a host resolved to, as the connection is about to be opened.
     *
     * @throws BlockedHostException when one of them is not public and the host is not allow-listed
     */
    public void checkResolved(String host, InetAddress[] addresses) throws BlockedHostException {
        if (properties.allowsPrivate(host)) {
            return;
        }
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClass.of(address);
            if (kind != AddressClass.PUBLIC) {
                throw new BlockedHostException(OutboundProperties.normalise(host), kind);
            }
        }
    }

    private void refuseUnlessAllowed(String host, InetAddress[] addresses, String what) throws OutboundFailure {
        try {
            checkResolved(host, addresses);
        } catch (BlockedHostException blocked) {
            throw blocked.asFailure(what);
        }
    }

    /** The address when {@code host} is an IP literal (parsed without any lookup), else empty. */
    static Optional<InetAddress> literal(String host) {
        if (!IP_LITERAL.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(OutboundProperties.normalise(host)));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }

    /** A host refused because of what it resolved to. */
    public static final class BlockedHostException extends UnknownHostException {

        private final String host;
        private final AddressClass kind;

        BlockedHostException(String host, AddressClass kind) {
            super(host + " resolves to " + kind.description());
            this.host = host;
            this.kind = kind;
        }

        public AddressClass kind() {
            return kind;
        }

        /** The failure a plugin sees; names the host and the kind of address, never the address itself. */
        public OutboundFailure asFailure(String what) {
            String target = OutboundGuard.literal(host).isPresent() ? host + " is " + kind.description()
                    : host + " resolves to " + kind.description();
            return new OutboundFailure(OutboundFailure.BLOCKED_HOST, what + ": refused, " + target
                    + " (the operator may allow the host in wahub.outbound.allowed-hosts)", false, this);
        }
    }
}
