package io.wahub.hub.feature;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How features run ({@code wahub.features.*}).
 *
 * @param callTimeout the longest a feature waits for one call it makes through the hub (a chat completion, a payment
 *                    page), whatever the connector's own timeouts and retries; the call then fails as a transient
 *                    {@code timeout}
 */
@ConfigurationProperties("wahub.features")
public record FeatureProperties(@DefaultValue("60s") Duration callTimeout) {
}
