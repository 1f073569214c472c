package io.wahub.hub.plugin;

import io.wahub.hub.WahubProperties;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.ChatModel;
import io.wahub.sdk.Feature;
import io.wahub.sdk.OrderWriteBack;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.Poller;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.WebhookConnector;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads PF4J plugins from the plugin directory and indexes their extensions by kind and id, next to the hub's
 * built-in extensions (the sandbox channel). The only place the hub touches PF4J.
 *
 * <p>Plugins are taken in order, the built-in ones first, then the others by plugin id; a plugin with an extension
 * whose id an earlier plugin (or a built-in extension) of the same kind already has is refused as a whole, with a
 * log line naming both, and the hub starts without it: a jar dropped into the plugin directory never displaces a
 * built-in plugin, nor stops the hub. A plugin without {@code Plugin-Requires} is refused too ({@link WahubPluginManager}).
 */
@Component
public class ExtensionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);

    /** The extension points the hub indexes. */
    static final List<Class<? extends WahubExtension>> KINDS = List.of(WebhookConnector.class,
            ChannelConnector.class, Feature.class, ChatModel.class, Poller.class, PaymentLinks.class,
            OrderWriteBack.class);

    private final PluginManager pluginManager;
    private final ExtensionIndex index = new ExtensionIndex();

    public ExtensionRegistry(WahubProperties properties, List<ChannelConnector> builtInChannels,
                             @Value("${wahub.sdk.api-version:1.0.0}") String apiVersion) throws IOException {
        Set<Path> bundled = new HashSet<>();
        if (properties.plugins().installBundled()) {
            BundledPlugins.installInto(properties.pluginDir()).forEach(p -> bundled.add(p.toAbsolutePath()));
        }
        pluginManager = new WahubPluginManager(properties.pluginDir(), apiVersion);
        pluginManager.loadPlugins();
        pluginManager.startPlugins();
        index.addBuiltIn(ChannelConnector.class, builtInChannels);
        List<PluginWrapper> started = pluginManager.getStartedPlugins().stream()
                .sorted(Comparator.comparing((PluginWrapper p) -> !bundled.contains(p.getPluginPath().toAbsolutePath()))
                        .thenComparing(PluginWrapper::getPluginId))
                .toList();
        for (PluginWrapper plugin : started) {
            String pluginId = plugin.getPluginId();
            Optional<String> clash = index.addPlugin(pluginId, kind -> pluginManager.getExtensions(kind, pluginId));
            if (clash.isPresent()) {
                LOG.error("Plugin '{}' ({}) is refused and not loaded: {}", pluginId,
                        plugin.getPluginPath().getFileName(), clash.get());
                pluginManager.unloadPlugin(pluginId);
            } else {
                LOG.info("Plugin {} {} started from {}", pluginId, plugin.getDescriptor().getVersion(),
                        plugin.getPluginPath().getFileName());
            }
        }
        LOG.info("Extensions: {}", KINDS.stream().map(kind -> kind.getSimpleName() + " " + index.ids(kind))
                .collect(Collectors.joining(", ")));
    }

    public Optional<WebhookConnector> webhookConnector(String id) {
        return index.find(WebhookConnector.class, id);
    }

    public Optional<ChannelConnector> channel(String id) {
        return index.find(ChannelConnector.class, id);
    }

    public Optional<Feature> feature(String id) {
        return index.find(Feature.class, id);
    }

    public Collection<WebhookConnector> webhookConnectors() {
        return index.all(WebhookConnector.class);
    }

    public Collection<ChannelConnector> channels() {
        return index.all(ChannelConnector.class);
    }

    public Collection<Feature> features() {
        return index.all(Feature.class);
    }

    public Optional<ChatModel> chatModel(String id) {
        return index.find(ChatModel.class, id);
    }

    public Collection<ChatModel> chatModels() {
        return index.all(ChatModel.class);
    }

    /** Payment page providers; a provider shares its id (and settings) with its webhook connector. */
    public Collection<PaymentLinks> paymentLinks() {
        return index.all(PaymentLinks.class);
    }

    /** The store connector that writes orders back; it shares its id (and settings) with its webhook connector. */
    public Optional<OrderWriteBack> orderWriteBack(String id) {
        return index.find(OrderWriteBack.class, id);
    }

    /** Catch-up pollers; a poller shares its id (and settings) with its connector. */
    public Collection<Poller> pollers() {
        return index.all(Poller.class);
    }

    /** The ids of the plugins loaded and started (refused plugins are not among them). */
    public List<String> pluginIds() {
        return pluginManager.getStartedPlugins().stream().map(PluginWrapper::getPluginId).sorted().toList();
    }

    /** Unloads all plugins. ({@code stopPlugins()} throws in PF4J 3.15; unloading stops them too.) */
    @PreDestroy
    public void shutdown() {
        pluginManager.unloadPlugins();
    }
}
