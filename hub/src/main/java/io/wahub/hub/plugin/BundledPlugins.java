package io.wahub.hub.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The built-in plugins ship as jar files inside the hub (under {@code bundled-plugins/}, never on the classpath as
 * classes). At start-up they are copied into the plugin directory, replacing an older copy, so the hub always runs
 * the plugins it was built with while integrators' jars in the same directory are left alone.
 */
final class BundledPlugins {

    private static final Logger LOG = LoggerFactory.getLogger(BundledPlugins.class);

    private BundledPlugins() {
    }

    static List<Path> installInto(Path pluginDir) throws IOException {
        Files.createDirectories(pluginDir);
        Resource[] jars = new PathMatchingResourcePatternResolver().getResources("classpath*:bundled-plugins/*.jar");
        List<Path> installed = new ArrayList<>();
        for (Resource jar : jars) {
            Path target = pluginDir.resolve(jar.getFilename());
            byte[] bytes;
            try (InputStream in = jar.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
                Path temp = Files.createTempFile(pluginDir, ".install-", ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Installed built-in plugin {}", target.getFileName());
            }
            installed.add(target);
        }
        return installed;
    }
}
