package io.wahub.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test JVM's name resolution (installed through {@code META-INF/services}, JDK 18+): names under
 * {@value #DOMAIN} resolve to 127.0.0.1, or to what a test {@link #map}s them to; every other name resolves as the
 * system does. Lets the hub's integration tests point tenants at names that resolve to loopback, and change a name's
 * answer between saving settings and sending (DNS rebinding), without a DNS server.
 */
public class TestHostResolver extends InetAddressResolverProvider {

    public static final String DOMAIN = ".wahub-test.internal";
    private static final Map<String, InetAddress> MAPPED = new ConcurrentHashMap<>();

    /** From now on, {@code host} resolves to {@code address} (an IP literal). */
    public static void map(String host, String address) {
        try {
            MAPPED.put(host.toLowerCase(Locale.ROOT), InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + address, e);
        }
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String name = host.toLowerCase(Locale.ROOT);
                if (!name.endsWith(DOMAIN)) {
                    return system.lookupByName(host, policy);
                }
                InetAddress mapped = MAPPED.get(name);
                return Stream.of(mapped != null ? mapped : InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return system.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "wahub-test-hosts";
    }
}
