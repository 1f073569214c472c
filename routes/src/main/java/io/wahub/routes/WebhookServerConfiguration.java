package io.wahub.routes;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel platform-http on Spring Boot's web server, with one change to the default engine: a route runs on the
 * request's own thread instead of being handed to another one. The web server's request threads are virtual
 * ({@code spring.threads.virtual.enabled}), so a route that waits for its events' commit blocks nothing, and the
 * hand-over the default engine makes for every webhook (a new thread, a park and an unpark) is saved.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookServerConfiguration {

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }
}
