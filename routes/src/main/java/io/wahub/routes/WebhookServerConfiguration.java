package io.wahub.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Camel platform-http on Spring Boot's web server, with two changes that keep a webhook within one pass through
 * the server:
 * <ul>
 *   <li>a route runs on the request's own thread instead of being handed to another one. The web server's request
 *       threads are virtual ({@code spring.threads.virtual.enabled}), so a route that waits for its events' commit
 *       blocks nothing, and the hand-over the default engine makes for every webhook (a new thread, a park and an
 *       unpark) is saved;</li>
 *   <li>the route's result, a future that is therefore complete (and the response written) by the time Spring MVC
 *       sees it, ends the request there. Spring MVC would otherwise treat it as asynchronous: start async
 *       processing, then dispatch the request through the filters and the DispatcherServlet a second time.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class WebhookServerConfiguration {

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }

    @Bean
    static BeanPostProcessor completedRoutesEndTheRequest() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
                    List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
                    handlers.addFirst(new CompletedRoute(List.copyOf(handlers)));
                    adapter.setReturnValueHandlers(handlers);
                }
                return bean;
            }
        };
    }

    /** A platform-http consumer's future: done → the request is handled; otherwise Spring MVC's usual handling. */
    private record CompletedRoute(List<HandlerMethodReturnValueHandler> others)
            implements HandlerMethodReturnValueHandler {

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return PlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass())
                    && CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public void handleReturnValue(Object value, MethodParameter returnType, ModelAndViewContainer container,
                                      NativeWebRequest request) throws Exception {
            if (value instanceof CompletableFuture<?> future && future.isDone() && !future.isCompletedExceptionally()) {
                container.setRequestHandled(true);
                return;
            }
            for (HandlerMethodReturnValueHandler other : others) {
                if (other.supportsReturnType(returnType)) {
                    other.handleReturnValue(value, returnType, container, request);
                    return;
                }
            }
            throw new IllegalStateException("no handler for " + returnType);
        }
    }
}
