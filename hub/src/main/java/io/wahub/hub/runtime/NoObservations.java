package io.wahub.hub.runtime;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub records no Micrometer observations: it exposes no metrics or tracing endpoint (Camel and the outbox carry
 * the operational state; the outbound meters are recorded on the {@code MeterRegistry} directly). A registry that
 * records nothing instead of Spring Boot's default one, which the hub used to give filter predicates that answered
 * every observation of its hot paths with a no-op: with a recording registry Spring Security still wraps each filter
 * of its chain in an observation decorator, on every request (webhooks included), and each {@code @Scheduled} run
 * (the one-second flushes, at idle too) is observed; with {@link ObservationRegistry#NOOP} neither happens.
 */
@Configuration(proxyBeanMethods = false)
class NoObservations {

    @Bean
    ObservationRegistry observationRegistry() {
        return ObservationRegistry.NOOP;
    }
}
