package io.wahub.hub.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Turns {@code wahub.http.trust-forwarded-headers} into Spring Boot's {@code server.forward-headers-strategy}:
 * {@code true} → {@code native} (Tomcat's RemoteIpValve takes the client address from {@code X-Forwarded-For} and
 * the scheme from {@code X-Forwarded-Proto}, but only from proxies matching {@code server.tomcat.remoteip
 * .internal-proxies}, by default loopback and private networks), so the session and XSRF cookies are
 * {@code Secure} when the original request was https; {@code false} (the default) → {@code none}: the headers are
 * ignored, whatever platform the hub runs on (Spring Boot would otherwise trust them on Kubernetes and other
 * detected clouds). An explicitly set {@code server.forward-headers-strategy} wins.
 *
 * <p>The strategy is derived when it is read (a property source of lowest precedence), not when this runs, so the
 * setting may come from any property source, including ones added after start-up processing (tests').
 */
public class ForwardedHeadersSetting implements EnvironmentPostProcessor {

    static final String PROPERTY = "wahub.http.trust-forwarded-headers";
    static final String STRATEGY = "server.forward-headers-strategy";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Strategy(environment));
    }

    /**
     * Answers {@code server.forward-headers-strategy} from the setting. Its source must not be the environment
     * itself: Spring Boot walks into property sources whose source is an environment, and would loop.
     */
    private static final class Strategy extends PropertySource<String> {

        private final ConfigurableEnvironment environment;

        Strategy(ConfigurableEnvironment environment) {
            super("wahub-forwarded-headers", PROPERTY);
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!STRATEGY.equals(name)) {
                return null;
            }
            return environment.getProperty(PROPERTY, Boolean.class, false) ? "native" : "none";
        }
    }
}
