package io.wahub.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // IPv4
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "100.64.0.1, CARRIER_GRADE_NAT",
            "100.127.255.254, CARRIER_GRADE_NAT",
            "100.128.0.1, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.0.9, LOOPBACK",
            "169.254.169.254, LINK_LOCAL",
            "172.15.255.255, PUBLIC",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.32.0.1, PUBLIC",
            "192.0.0.8, RESERVED",
            "192.0.2.10, RESERVED",
            "192.168.1.1, PRIVATE",
            "198.18.0.1, RESERVED",
            "198.51.100.7, RESERVED",
            "203.0.113.5, RESERVED",
            "224.0.0.251, MULTICAST",
            "239.255.255.250, MULTICAST",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",
            "8.8.8.8, PUBLIC",
            "157.240.22.35, PUBLIC",
            // IPv6
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "fe80::1, LINK_LOCAL",
            "febf:ffff::1, LINK_LOCAL",
            "fec0::1, PRIVATE",
            "fc00::1, UNIQUE_LOCAL",
            "fd12:3456:789a::1, UNIQUE_LOCAL",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
            "100::1, RESERVED",
            "64:ff9b:1::1, RESERVED",
            "2a03:2880:f10c:83:face:b00c:0:25de, PUBLIC",
            "2606:4700::1111, PUBLIC",
            // IPv6 forms embedding an IPv4 address: classified by the embedded one
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:10.1.2.3, PRIVATE",
            "::ffff:8.8.8.8, PUBLIC",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "::2, UNSPECIFIED",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b::808:808, PUBLIC",
            "2002:7f00:1::1, LOOPBACK",
            "2002:c0a8:101::1, PRIVATE",
            "2002:808:808::1, PUBLIC"})
    void classifies(String literal, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} (16 bytes) is {1}")
    @CsvSource({"00000000000000000000ffff7f000001, LOOPBACK", "00000000000000000000ffffa9fea9fe, LINK_LOCAL",
            "00000000000000000000ffff08080808, PUBLIC"})
    void classifiesIpv4MappedAddresses_givenAsRawBytes(String hex, AddressClass expected) throws Exception {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        InetAddress address = java.net.Inet6Address.getByAddress(null, bytes, -1);

        assertThat(AddressClass.of(address)).isEqualTo(expected);
    }
}
