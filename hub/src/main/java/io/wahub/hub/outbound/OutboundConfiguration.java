package io.wahub.hub.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the outbound HTTP client plugins get through {@code PluginContext.http()}. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundGuard outboundGuard(OutboundProperties properties) {
        return new OutboundGuard(properties);
    }

    @Bean(destroyMethod = "close")
    CamelHttpTransport outboundTransport(CamelContext camel, OutboundProperties properties, OutboundGuard guard) {
        return new CamelHttpTransport(camel, properties, new GuardedDnsResolver(guard));
    }

    @Bean(destroyMethod = "close")
    OutboundClient outboundClient(OutboundProperties properties, OutboundGuard guard, CamelHttpTransport transport,
                                  MeterRegistry meters, Clock clock) {
        return new OutboundClient(properties, guard, transport, new OutboundMetrics(meters), clock);
    }
}
