package io.wahub.hub.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The connection manager's name resolution: resolves as the system does, then lets {@link OutboundGuard} refuse the
 * host before a socket is opened. The addresses checked are the addresses connected to, so a name whose DNS answer
 * changes between the settings' save and the call (DNS rebinding) cannot reach a private address. IP literals come
 * here too (HttpClient resolves every host through its resolver) and are parsed, not looked up.
 */
public class GuardedDnsResolver implements DnsResolver {

    private final OutboundGuard guard;

    public GuardedDnsResolver(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Optional<InetAddress> literal = OutboundGuard.literal(host);
        InetAddress[] addresses = literal.isPresent() ? new InetAddress[] {literal.get()}
                : InetAddress.getAllByName(OutboundProperties.normalise(host));
        guard.checkResolved(host, addresses);
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
