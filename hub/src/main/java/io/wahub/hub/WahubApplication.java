package io.wahub.hub;

import io.wahub.sdk.Json;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Wahub hub: REST API, tenants, storage, plugin manager, Camel routes and the admin panel. */
@SpringBootApplication(scanBasePackages = "io.wahub")
@ConfigurationPropertiesScan
@EnableScheduling
public class WahubApplication {

    static {
        // Camel's thread pools (SEDA consumers, splitters) on virtual threads; must be set before Camel starts.
        System.setProperty("camel.threads.virtual.enabled", "true");
    }

    public static void main(String[] args) {
        SpringApplication.run(WahubApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The hub's mapper shares Jackson's buffers across threads, as the plugins' do: see {@link Json}. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer sharedJsonBuffers() {
        return builder -> builder.factory(Json.newFactory());
    }
}
