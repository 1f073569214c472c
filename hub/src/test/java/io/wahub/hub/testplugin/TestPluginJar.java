package io.wahub.hub.testplugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds the tests' plugins as real PF4J plugin jars (plugin class, extension classes, the manifest,
 * {@code META-INF/extensions.idx}, and migrations if any) from the compiled test classes, so that the hub loads them
 * like any plugin dropped into its plugin directory: the chat-reply plugin ({@link ChatReplyPlugin},
 * {@link ChatReplyFeature}), the timer plugin ({@link TimerCommandsPlugin}, {@link TimerCommandsFeature}),
 * template-order ({@link TemplateOrderFeature}) and the notes plugin ({@link NotesFeature}).
 */
public final class TestPluginJar {

    public static final String PLUGIN_ID = "test-chat-reply";

    private TestPluginJar() {
    }

    /** A new plugin directory holding the chat-reply plugin jar (the hub adds its bundled plugins at start). */
    public static Path chatReplyPluginDir() {
        return pluginDir(PLUGIN_ID, ChatReplyPlugin.class, ChatReplyFeature.class, Map.of());
    }

    /** A new plugin directory holding the timer plugin jar, id {@value TimerCommandsFeature#ID}. */
    public static Path timersPluginDir() {
        return pluginDir(TimerCommandsFeature.ID, TimerCommandsPlugin.class, TimerCommandsFeature.class, Map.of());
    }

    /** A new plugin directory holding the template-order plugin jar ({@link TemplateOrderFeature}). */
    public static Path templateOrderPluginDir() {
        return pluginDir(TemplateOrderFeature.ID, TemplateOrderPlugin.class, TemplateOrderFeature.class, Map.of());
    }

    /**
     * A new plugin directory holding the notes plugin jar ({@link NotesFeature}), with {@code migrations} (file name
     * → SQL) under {@code db/feature/}.
     */
    public static Path notesPluginDir(Map<String, String> migrations) {
        return pluginDir(NotesFeature.ID, NotesPlugin.class, NotesFeature.class, migrations);
    }

    private static Path pluginDir(String pluginId, Class<?> plugin, Class<?> extension,
                                  Map<String, String> migrations) {
        try {
            Path dir = Files.createTempDirectory("wahub-test-plugins-");
            Manifest manifest = new Manifest();
            Attributes attributes = manifest.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            attributes.putValue("Plugin-Id", pluginId);
            attributes.putValue("Plugin-Class", plugin.getName());
            attributes.putValue("Plugin-Version", "1.0.0");
            attributes.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
            attributes.putValue("Plugin-Provider", "Wahub tests");
            try (OutputStream file = Files.newOutputStream(dir.resolve("wahub-plugin-" + pluginId + ".jar"));
                 JarOutputStream jar = new JarOutputStream(file, manifest)) {
                for (Class<?> type : new Class<?>[] {plugin, extension}) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    jar.putNextEntry(new JarEntry(entry));
                    try (InputStream bytes = TestPluginJar.class.getClassLoader().getResourceAsStream(entry)) {
                        bytes.transferTo(jar);
                    }
                }
                jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                jar.write((extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                if (!migrations.isEmpty()) {
                    // directory entries too, as Maven writes them: class loaders find a directory by its entry
                    jar.putNextEntry(new JarEntry("db/"));
                    jar.putNextEntry(new JarEntry("db/feature/"));
                }
                for (Map.Entry<String, String> migration : new TreeMap<>(migrations).entrySet()) {
                    jar.putNextEntry(new JarEntry("db/feature/" + migration.getKey()));
                    jar.write(migration.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
