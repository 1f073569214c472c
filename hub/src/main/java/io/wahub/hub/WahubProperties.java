package io.wahub.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own settings ({@code wahub.*}).
 *
 * @param dataDir  folder for the embedded database, installed plugins and the generated secret key
 * @param plugins  where plugin jars are loaded from
 * @param secrets  keys for encrypting connector credentials at rest
 * @param dispatch event processing
 * @param delivery outbound message delivery
 * @param apps     vendor apps whose single webhook URL serves many tenants, by connector id then app name, e.g.
 *                 {@code wahub.apps.whatsapp-cloud.main.app-secret} and {@code ….verify-token}
 */
@ConfigurationProperties("wahub")
public record WahubProperties(@DefaultValue("data") Path dataDir,
                              @DefaultValue Plugins plugins,
                              @DefaultValue Secrets secrets,
                              @DefaultValue Dispatch dispatch,
                              @DefaultValue Delivery delivery,
                              Map<String, Map<String, Map<String, String>>> apps) {

    public WahubProperties {
        apps = apps == null ? Map.of() : apps;
    }

    /** The app's configuration, if {@code wahub.apps.<connectorId>.<app>.*} is set. */
    public Optional<Map<String, String>> app(String connectorId, String app) {
        return Optional.ofNullable(apps.getOrDefault(connectorId, Map.of()).get(app));
    }

    /**
     * @param dir            plugin directory; defaults to {@code <dataDir>/plugins}
     * @param installBundled copy the built-in plugin jars shipped in the hub into {@code dir} at start-up
     */
    public record Plugins(Path dir, @DefaultValue("true") boolean installBundled) {
    }

    /**
     * @param keys AES-256 keys as {@code id:base64}, the first one encrypts, all decrypt (rotation). When empty, a
     *             key is generated once into {@code <dataDir>/secret.key}.
     */
    public record Secrets(@DefaultValue List<String> keys) {
    }

    /**
     * @param enabled     whether this node processes events and delivers messages; an ingest-only node stores and
     *                    acknowledges webhooks but leaves processing to others
     * @param maxAttempts attempts before an event whose features keep failing is marked dead
     * @param grace       how long a newly stored event may wait for the bus before the recovery sweep takes it
     */
    public record Dispatch(@DefaultValue("true") boolean enabled,
                           @DefaultValue("5") int maxAttempts,
                           @DefaultValue("5s") Duration grace) {
    }

    /**
     * @param maxAttempts    attempts before a message is marked dead
     * @param initialBackoff wait before the first retry; doubles each attempt
     * @param maxBackoff     upper bound of the wait between attempts
     * @param lease          how long a claimed message is reserved for the node sending it
     * @param sharedThrottle keep the per-number send budgets in PostgreSQL, shared by all delivery nodes; when
     *                       false each node keeps its own in memory (then each node may send at the full rate)
     */
    public record Delivery(@DefaultValue("8") int maxAttempts,
                           @DefaultValue("2s") Duration initialBackoff,
                           @DefaultValue("10m") Duration maxBackoff,
                           @DefaultValue("60s") Duration lease,
                           @DefaultValue("true") boolean sharedThrottle) {
    }

    public Path pluginDir() {
        return plugins.dir() != null ? plugins.dir() : dataDir.resolve("plugins");
    }
}
