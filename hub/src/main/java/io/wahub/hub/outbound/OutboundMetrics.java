package io.wahub.hub.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Micrometer meters of outbound HTTP, per extension and outcome (never per tenant or host: bounded tags):
 * <ul>
 *   <li>{@value #CALLS} (timer): whole calls, retries included; {@code outcome} is the final status class
 *       ({@code 2xx} … {@code 5xx}) or the failure's code ({@code blocked-host}, {@code timeout}, …);</li>
 *   <li>{@value #RETRIES} (counter): attempts made again, by {@code reason} (a status or a failure code).</li>
 * </ul>
 */
class OutboundMetrics {

    static final String CALLS = "wahub.outbound.calls";
    static final String RETRIES = "wahub.outbound.retries";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    OutboundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String extension, String outcome, Duration took) {
        timers.computeIfAbsent(extension + '\n' + outcome, key -> Timer.builder(CALLS)
                .description("Outbound HTTP calls of plugins, retries included")
                .tag("extension", extension).tag("outcome", outcome).register(registry)).record(took);
    }

    void retry(String extension, String reason) {
        counters.computeIfAbsent(extension + '\n' + reason, key -> Counter.builder(RETRIES)
                .description("Outbound HTTP attempts made again")
                .tag("extension", extension).tag("reason", reason).register(registry)).increment();
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 + "xx" : "other";
    }
}
