package io.wahub.hub.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The client address a per-address limit counts by. It is the socket's remote address, or the address a trusted
 * proxy forwarded when {@code wahub.http.trust-forwarded-headers} is on (Tomcat's RemoteIpValve puts it in
 * {@code getRemoteAddr()} before any of this runs). An IPv6 client usually holds a whole /64 network, so IPv6
 * addresses count by their /64 prefix: otherwise one client would get 2<sup>64</sup> separate limits.
 */
public final class ClientAddress {

    /**
     * Hex digits, colons and dots, starting with a hex digit or a colon and holding a colon: the JDK parses such a
     * string as an IPv6 literal and never looks it up in DNS.
     */
    private static final Pattern IPV6_LITERAL = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private ClientAddress() {
    }

    /** {@code address} itself for IPv4 (or anything not an IPv6 literal); {@code <first 64 bits>::/64} for IPv6. */
    public static String limitKey(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (!IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address); // an IPv6 literal: no name lookup
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
