package io.wahub.hub.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.coyote.AbstractProtocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Makes room on the web server when its connections run short, so the connections waiting beyond its limit are
 * taken in turn.
 *
 * <p>Tomcat holds at most {@code server.tomcat.max-connections} connections (application.properties explains the
 * default: each costs heap, and a vendor opens more whenever its others are busy); the ones past that wait in the
 * kernel's accept queue ({@code server.tomcat.accept-count}) until Tomcat closes one. A client that keeps its
 * connections alive between requests never closes them, so while Tomcat is full a waiting connection would be taken
 * only when a kept-alive one timed out, a minute later. So while at least {@code wahub.web.close-connections-from}
 * (default 0.75) of the limit is taken, each response closes its connection ({@code Connection: close}): the client
 * opens a new one, which queues behind those already waiting, and the queue moves at the rate requests are answered.
 * Below that share connections are kept alive as usual. The check is one read of Tomcat's connection counter per
 * request.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionPressure {

    private volatile AbstractProtocol<?> protocol;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionCounter() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> handler) {
                protocol = handler;
            }
        });
    }

    @Bean
    FilterRegistrationBean<Filter> closeConnectionsUnderPressure(
            @Value("${wahub.web.close-connections-from:0.75}") double share) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException("wahub.web.close-connections-from must be in (0, 1], not " + share);
        }
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (crowded(share) && response instanceof HttpServletResponse http) {
                    http.setHeader("Connection", "close");
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("closeConnectionsUnderPressure");
        return registration;
    }

    /** Whether at least {@code share} of the web server's connection limit is taken. */
    boolean crowded(double share) {
        AbstractProtocol<?> handler = protocol;
        if (handler == null) {
            return false;
        }
        int max = handler.getMaxConnections();
        return max > 0 && handler.getConnectionCount() >= share * max;
    }
}
