package io.wahub.hub.policy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the send policy ({@code wahub.policy.*}).
 *
 * @param recipientInterval the least time between two messages to one recipient (WhatsApp allows about one every
 *                          6 s; error 131056 beyond that)
 */
@ConfigurationProperties("wahub.policy")
public record PolicyProperties(@DefaultValue("6s") Duration recipientInterval) {

    public PolicyProperties {
        if (recipientInterval.isNegative()) {
            throw new IllegalArgumentException("wahub.policy.recipient-interval must not be negative");
        }
    }
}
