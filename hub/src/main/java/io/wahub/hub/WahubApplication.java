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

    private static final String POOL_HOUSEKEEPING = "com.zaxxer.hikari.housekeeping.periodMs";

    static {
        // Camel's thread pools (SEDA consumers, splitters) on virtual threads; must be set before Camel starts.
        System.setProperty("camel.threads.virtual.enabled", "true");
        // the pool looks for connections past spring.datasource.hikari.idle-timeout every 10 s instead of every 30 s,
        // so that an idle hub is down to its minimum within 20 s of its idle timeout
        if (System.getProperty(POOL_HOUSEKEEPING) == null) {
            System.setProperty(POOL_HOUSEKEEPING, "10000");
        }
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
