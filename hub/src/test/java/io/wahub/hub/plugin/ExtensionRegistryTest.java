package io.wahub.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.message.SandboxChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins are jars in a directory, loaded by PF4J with their own class loaders and checked against the SDK version. */
class ExtensionRegistryTest {

    private static final Path BUNDLED = Path.of("target/classes/bundled-plugins");

    @TempDir
    Path plugins;

    @Test
    void loadsEveryPluginJarInTheDirectory_withItsOwnClassLoader() throws IOException {
        copy("wahub-plugin-shopify.jar", "wahub-plugin-packing-list.jar", "wahub-plugin-whatsapp-cloud.jar");

        ExtensionRegistry registry = registry("1.0.0");

        assertThat(registry.webhookConnector("shopify")).isPresent();
        assertThat(registry.feature("packing-list")).isPresent();
        assertThat(registry.channels()).extracting(c -> c.id()).containsExactly("sandbox", "whatsapp-cloud");
        ClassLoader loader = registry.feature("packing-list").orElseThrow().getClass().getClassLoader();
        assertThat(loader).isInstanceOf(org.pf4j.PluginClassLoader.class);
        assertThat(loader).isNotSameAs(getClass().getClassLoader());
        registry.shutdown();
    }

    @Test
    void pluginRequiringANewerSdk_isNotStarted() throws IOException {
        copy("wahub-plugin-shopify.jar");
        withManifestAttribute(plugins.resolve("wahub-plugin-packing-list.jar"), "Plugin-Requires", ">=2.0.0");

        ExtensionRegistry registry = registry("1.0.0");

        assertThat(registry.webhookConnector("shopify")).isPresent();
        assertThat(registry.feature("packing-list")).isEmpty();
        registry.shutdown();
    }

    @Test
    void pluginWithoutPluginRequires_isRefused_andTheOthersStart() throws IOException {
        copy("wahub-plugin-shopify.jar");
        withManifest(plugins.resolve("wahub-plugin-packing-list.jar"),
                attributes -> attributes.remove(new Attributes.Name("Plugin-Requires")));

        ExtensionRegistry registry = registry("1.0.0");

        assertThat(registry.webhookConnector("shopify")).isPresent();
        assertThat(registry.feature("packing-list")).isEmpty();
        registry.shutdown();
    }

    @Test
    void pluginRepeatingAnExtensionIdOfAnotherPlugin_isRefused_andTheHubStartsWithoutIt() throws IOException {
        copy("wahub-plugin-shopify.jar", "wahub-plugin-packing-list.jar");
        // a second plugin (another Plugin-Id) whose feature has the id 'packing-list' too
        Path copy = plugins.resolve("a-copied-packing-list.jar");
        withManifest(copy, "wahub-plugin-packing-list.jar",
                attributes -> attributes.putValue("Plugin-Id", "a-copied-packing-list"));

        ExtensionRegistry registry = registry("1.0.0");

        assertThat(registry.webhookConnector("shopify")).isPresent();
        assertThat(registry.features()).hasSize(1);
        // plugins not built in are taken in the order of their ids: 'a-copied-packing-list' came first
        assertThat(registry.pluginIds()).containsExactly("a-copied-packing-list", "shopify");
        registry.shutdown();
    }

    @Test
    void aDroppedInPluginNeverDisplacesABuiltInOne() throws IOException {
        var properties = properties(true);
        Path copy = plugins.resolve("a-copied-packing-list.jar");
        withManifest(copy, "wahub-plugin-packing-list.jar",
                attributes -> attributes.putValue("Plugin-Id", "a-copied-packing-list"));

        ExtensionRegistry registry = new ExtensionRegistry(properties, List.of(new SandboxChannel()), "1.0.0");

        assertThat(registry.features()).extracting(feature -> feature.id())
                .containsOnlyOnce("packing-list").doesNotContain("a-copied-packing-list");
        assertThat(registry.feature("packing-list")).isPresent();
        assertThat(registry.pluginIds()).contains("packing-list").doesNotContain("a-copied-packing-list");
        registry.shutdown();
    }

    @Test
    void bundledPlugins_areInstalledIntoAnEmptyDirectory() throws IOException {
        List<Path> installed = BundledPlugins.installInto(plugins.resolve("fresh"));

        assertThat(installed).extracting(p -> p.getFileName().toString()).contains("wahub-plugin-shopify.jar",
                "wahub-plugin-whatsapp-cloud.jar", "wahub-plugin-packing-list.jar");
        assertThat(installed).allMatch(Files::isRegularFile);
    }

    private ExtensionRegistry registry(String sdkVersion) throws IOException {
        return new ExtensionRegistry(properties(false), List.of(new SandboxChannel()), sdkVersion);
    }

    private WahubProperties properties(boolean installBundled) {
        return new WahubProperties(plugins.getParent(),
                new WahubProperties.Plugins(plugins, installBundled), new WahubProperties.Secrets(List.of()),
                new WahubProperties.Dispatch(true, 5, java.time.Duration.ofSeconds(5)),
                new WahubProperties.Delivery(8, java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(10),
                        java.time.Duration.ofSeconds(60), true), java.util.Map.of());
    }

    private void copy(String... jars) throws IOException {
        for (String jar : jars) {
            Files.copy(BUNDLED.resolve(jar), plugins.resolve(jar));
        }
    }

    /** Writes a copy of the bundled jar named like {@code target} with one manifest attribute changed. */
    private static void withManifestAttribute(Path target, String name, String value) throws IOException {
        withManifest(target, attributes -> attributes.putValue(name, value));
    }

    private static void withManifest(Path target, Consumer<Attributes> change) throws IOException {
        withManifest(target, target.getFileName().toString(), change);
    }

    /** Writes to {@code target} a copy of the bundled jar {@code bundled} with its manifest changed. */
    private static void withManifest(Path target, String bundled, Consumer<Attributes> change) throws IOException {
        try (JarFile source = new JarFile(BUNDLED.resolve(bundled).toFile());
             OutputStream file = Files.newOutputStream(target)) {
            Manifest manifest = new Manifest(source.getManifest());
            change.accept(manifest.getMainAttributes());
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry : java.util.Collections.list(source.entries())) {
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
