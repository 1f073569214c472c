package io.wahub.hub.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The operator's rules for every outbound HTTP call plugins make ({@code wahub.outbound.*}). The defaults are
 * closed: https only, public addresses only.
 *
 * @param allowedHosts          host names (or IP literals) that may resolve to loopback, private, link-local or other
 *                              non-public addresses, for example a self-hosted LLM on the LAN; a leading
 *                              {@code *.} allows every sub-domain. Empty by default
 * @param httpHosts             hosts that may be called over plain http (the same syntax); empty by default
 * @param defaultTimeout        per-attempt bound of a request that names none
 * @param maxTimeout            the most any attempt may take, whatever a plugin or tenant asks
 * @param maxTotal              the most a whole call may take, retries and waits included
 * @param connectTimeout        the most connecting (TCP and TLS) may take, within an attempt's bound
 * @param maxAttempts           the most attempts of a request that is safe to repeat
 * @param initialBackoff        the wait before the first retry, doubled for each further one (with jitter)
 * @param maxRetryWait          the longest wait before a retry, a {@code Retry-After} included; a longer
 *                              {@code Retry-After} ends the retries and the answer is returned
 * @param maxResponseSize       the largest answer read; a larger one fails with {@code response-too-large}
 * @param maxConnections        pooled connections in all
 * @param maxConnectionsPerHost pooled connections per host (scheme, host, port)
 */
@ConfigurationProperties("wahub.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedHosts,
                                 @DefaultValue List<String> httpHosts,
                                 @DefaultValue("10s") Duration defaultTimeout,
                                 @DefaultValue("30s") Duration maxTimeout,
                                 @DefaultValue("60s") Duration maxTotal,
                                 @DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("3") int maxAttempts,
                                 @DefaultValue("500ms") Duration initialBackoff,
                                 @DefaultValue("10s") Duration maxRetryWait,
                                 @DefaultValue("4MB") DataSize maxResponseSize,
                                 @DefaultValue("500") int maxConnections,
                                 @DefaultValue("200") int maxConnectionsPerHost) {

    public OutboundProperties {
        allowedHosts = normalise(allowedHosts);
        httpHosts = normalise(httpHosts);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("wahub.outbound.max-attempts must be at least 1");
        }
    }

    /** The defaults, for tests and tools. */
    public static OutboundProperties defaults() {
        return new OutboundProperties(List.of(), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(5), 3, Duration.ofMillis(500), Duration.ofSeconds(10),
                DataSize.ofMegabytes(4), 500, 200);
    }

    /** Whether {@code host} may resolve to a non-public address. */
    public boolean allowsPrivate(String host) {
        return matches(allowedHosts, host);
    }

    /** Whether {@code host} may be called over plain http. */
    public boolean allowsHttp(String host) {
        return matches(httpHosts, host);
    }

    /** Lower case, no trailing dot, no IPv6 brackets: the form hosts are compared in. */
    static String normalise(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static List<String> normalise(List<String> hosts) {
        return hosts == null ? List.of() : hosts.stream().filter(h -> !h.isBlank()).map(OutboundProperties::normalise)
                .toList();
    }

    private static boolean matches(List<String> patterns, String host) {
        String name = normalise(host);
        for (String pattern : patterns) {
            if (pattern.equals(name) || pattern.startsWith("*.") && name.endsWith(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
