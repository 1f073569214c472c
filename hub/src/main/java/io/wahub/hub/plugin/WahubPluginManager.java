package io.wahub.hub.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J's plugin manager with one rule more: a plugin must say which hub API it was built for
 * ({@code Plugin-Requires} in its manifest, for example {@code ^1.0.0}). PF4J loads a plugin without one on any hub
 * version; such a plugin is disabled here, with a log line saying why.
 */
final class WahubPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(WahubPluginManager.class);

    WahubPluginManager(Path pluginDir, String apiVersion) {
        super(List.of(pluginDir.toAbsolutePath()));
        setSystemVersion(apiVersion);
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        String requires = plugin.getDescriptor().getRequires();
        if (requires == null || requires.isBlank() || requires.strip().equals("*")) {
            LOG.error("Plugin '{}' ({}) is refused: its manifest has no Plugin-Requires naming the Wahub API version"
                            + " it was built for (this hub offers {})", plugin.getPluginId(),
                    plugin.getPluginPath().getFileName(), getSystemVersion());
            return false;
        }
        return super.isPluginValid(plugin);
    }
}
