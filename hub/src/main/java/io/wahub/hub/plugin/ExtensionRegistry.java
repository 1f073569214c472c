package io.wahub.hub.plugin;

import io.wahub.hub.WahubProperties;
import io.wahub.routes.ProblemException;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.ChatModel;
import io.wahub.sdk.Feature;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.Poller;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.WebhookConnector;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads PF4J plugins from the plugin directory and indexes their extensions by id, next to the hub's built-in
 * extensions (the sandbox channel). The only place the hub touches PF4J.
 */
@Component
public class ExtensionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);

    private final PluginManager pluginManager;
    private final Map<String, WebhookConnector> webhookConnectors;
    private final Map<String, ChannelConnector> channels;
    private final Map<String, Feature> features;
    private final Map<String, ChatModel> chatModels;
    private final Map<String, Poller> pollers;
    private final Map<String, PaymentLinks> paymentLinks;

    public ExtensionRegistry(WahubProperties properties, List<ChannelConnector> builtInChannels,
                             @Value("${wahub.sdk.api-version:1.0.0}") String apiVersion) throws IOException {
        if (properties.plugins().installBundled()) {
            BundledPlugins.installInto(properties.pluginDir());
        }
        pluginManager = new DefaultPluginManager(List.of(properties.pluginDir().toAbsolutePath()));
        pluginManager.setSystemVersion(apiVersion);
        pluginManager.loadPlugins();
        pluginManager.startPlugins();
        for (PluginWrapper plugin : pluginManager.getStartedPlugins()) {
            LOG.info("Plugin {} {} started from {}", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginPath().getFileName());
        }
        webhookConnectors = index(pluginManager.getExtensions(WebhookConnector.class).stream());
        channels = index(Stream.concat(builtInChannels.stream(),
                pluginManager.getExtensions(ChannelConnector.class).stream()));
        features = index(pluginManager.getExtensions(Feature.class).stream());
        chatModels = index(pluginManager.getExtensions(ChatModel.class).stream());
        pollers = index(pluginManager.getExtensions(Poller.class).stream());
        paymentLinks = index(pluginManager.getExtensions(PaymentLinks.class).stream());
        LOG.info("Extensions: webhook connectors {}, channels {}, features {}, chat models {}",
                webhookConnectors.keySet(), channels.keySet(), features.keySet(), chatModels.keySet());
    }

    private static <E extends WahubExtension> Map<String, E> index(Stream<E> extensions) {
        return extensions.collect(Collectors.toMap(WahubExtension::id, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two extensions share the id " + a.id());
        }, TreeMap::new));
    }

    public Optional<WebhookConnector> webhookConnector(String id) {
        return Optional.ofNullable(webhookConnectors.get(id));
    }

    public Optional<ChannelConnector> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public Optional<Feature> feature(String id) {
        return Optional.ofNullable(features.get(id));
    }

    public Collection<WebhookConnector> webhookConnectors() {
        return webhookConnectors.values();
    }

    public Collection<ChannelConnector> channels() {
        return channels.values();
    }

    public Collection<Feature> features() {
        return features.values();
    }

    public Optional<ChatModel> chatModel(String id) {
        return Optional.ofNullable(chatModels.get(id));
    }

    public Collection<ChatModel> chatModels() {
        return chatModels.values();
    }

    /** Payment page providers; a provider shares its id (and settings) with its webhook connector. */
    public Collection<PaymentLinks> paymentLinks() {
        return paymentLinks.values();
    }

    /** Catch-up pollers; a poller shares its id (and settings) with its connector. */
    public Collection<Poller> pollers() {
        return pollers.values();
    }

    /** The connector or feature with this id, or a 404 problem. */
    public WahubExtension require(String id) {
        return Stream.of(webhookConnectors.get(id), channels.get(id), features.get(id), chatModels.get(id))
                .filter(e -> e != null).findFirst()
                .orElseThrow(() -> new ProblemException(404, "unknown-extension", "Unknown extension",
                        "No connector or feature with id '" + id + "' is installed."));
    }

    /** Unloads all plugins. ({@code stopPlugins()} throws in PF4J 3.15; unloading stops them too.) */
    @PreDestroy
    public void shutdown() {
        pluginManager.unloadPlugins();
    }
}
