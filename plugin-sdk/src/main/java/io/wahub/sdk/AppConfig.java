package io.wahub.sdk;

import java.util.Map;

/**
 * Hub-level configuration of one vendor app whose single webhook URL serves many tenants (a Meta app has one
 * callback URL for all its phone numbers). The hub reads it from {@code wahub.apps.<connector>.<app>.<key>}.
 *
 * @param name       the app's name in the URL {@code /webhooks/apps/{connector}/{name}}
 * @param properties the app's keys, for example {@code app-secret} and {@code verify-token}
 */
public record AppConfig(String name, Map<String, String> properties) {

    public AppConfig {
        properties = Map.copyOf(properties);
    }

    /** The property's value, or {@code null} when it is not set or blank. */
    public String get(String key) {
        String value = properties.get(key);
        return value == null || value.isBlank() ? null : value;
    }
}
