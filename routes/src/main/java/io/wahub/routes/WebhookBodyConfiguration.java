package io.wahub.routes;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settings {@link RawWebhookBody} reads bodies under, and what it needs of the web server. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookBodyProperties.class)
public class WebhookBodyConfiguration {

    /**
     * A client that sends {@code Expect: 100-continue} waits for the server's go-ahead before it sends the body.
     * Tomcat gives it when the application first reads in blocking mode, which a body read without blocking never
     * does; so the go-ahead is given as soon as the headers are in. (A body too large is still refused unread.)
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueBeforeTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming("immediately");
            }
        });
    }
}
