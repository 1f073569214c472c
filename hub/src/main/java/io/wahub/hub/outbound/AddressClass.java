package io.wahub.hub.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What kind of address an IP address is, for the outbound guard: only {@link #PUBLIC} addresses may be connected to
 * unless the operator allow-listed the host. Covers the special-purpose ranges of RFC 6890 and its successors for
 * IPv4 and IPv6; IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}) are classified by the embedded address.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    UNSPECIFIED("an unspecified address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private address"),
    LINK_LOCAL("a link-local address"),
    UNIQUE_LOCAL("a unique-local address"),
    CARRIER_GRADE_NAT("a carrier-grade NAT address"),
    MULTICAST("a multicast address"),
    RESERVED("a reserved address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** For messages: "a loopback address". */
    public String description() {
        return description;
    }

    private record Range(byte[] prefix, int bits, AddressClass kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0", 8, UNSPECIFIED),
            range("10.0.0.0", 8, PRIVATE),
            range("100.64.0.0", 10, CARRIER_GRADE_NAT),
            range("127.0.0.0", 8, LOOPBACK),
            range("169.254.0.0", 16, LINK_LOCAL),
            range("172.16.0.0", 12, PRIVATE),
            range("192.0.0.0", 24, RESERVED),
            range("192.0.2.0", 24, RESERVED),
            range("192.88.99.0", 24, RESERVED),
            range("192.168.0.0", 16, PRIVATE),
            range("198.18.0.0", 15, RESERVED),
            range("198.51.100.0", 24, RESERVED),
            range("203.0.113.0", 24, RESERVED),
            range("224.0.0.0", 4, MULTICAST),
            range("240.0.0.0", 4, RESERVED));

    private static final List<Range> IPV6 = List.of(
            range("::", 128, UNSPECIFIED),
            range("::1", 128, LOOPBACK),
            range("64:ff9b:1::", 48, RESERVED),
            range("100::", 64, RESERVED),
            range("2001::", 32, RESERVED),
            range("2001:db8::", 32, RESERVED),
            range("fc00::", 7, UNIQUE_LOCAL),
            range("fe80::", 10, LINK_LOCAL),
            range("fec0::", 10, PRIVATE),
            range("ff00::", 8, MULTICAST));

    /** The class of {@code address}. */
    public static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return classify(bytes, IPV4);
        }
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return classify(embedded, IPV4);
            }
            return classify(bytes, IPV6);
        }
        return RESERVED;
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-compatible ({@code ::/96}, but not
     * {@code ::} and {@code ::1}), NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}) address; else null.
     */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean zeros80 = isZero(v6, 0, 10);
        if (zeros80 && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return slice(v6, 12);
        }
        if (zeros80 && v6[10] == 0 && v6[11] == 0) {
            boolean unspecifiedOrLoopback = isZero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1);
            return unspecifiedOrLoopback ? null : slice(v6, 12);
        }
        if (v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b && isZero(v6, 4, 12)) {
            return slice(v6, 12);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return slice(v6, 2);
        }
        return null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] bytes, int from) {
        return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
    }

    private static AddressClass classify(byte[] bytes, List<Range> ranges) {
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return range.kind();
            }
        }
        return PUBLIC;
    }

    private static Range range(String literal, int bits, AddressClass kind) {
        try {
            return new Range(InetAddress.getByName(literal).getAddress(), bits, kind);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + literal, e);
        }
    }
}
