package io.wahub.hub.plugin;

import io.wahub.sdk.WahubExtension;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Extensions by kind (the SDK interface) and id, and which plugin brought each. Built once at start-up, read
 * concurrently afterwards.
 */
final class ExtensionIndex {

    /** An indexed extension and where it came from ({@code null} for the hub's built-in ones). */
    private record Entry(WahubExtension extension, String pluginId) {
    }

    private final Map<Class<?>, Map<String, Entry>> byKind = new HashMap<>();

    void addBuiltIn(Class<? extends WahubExtension> kind, List<? extends WahubExtension> extensions) {
        for (WahubExtension extension : extensions) {
            byKind.computeIfAbsent(kind, k -> new TreeMap<>()).put(extension.id(), new Entry(extension, null));
        }
    }

    /**
     * Adds all of a plugin's extensions, or none of them when one has the id of an extension of the same kind that
     * is indexed already (or two of the plugin's own do).
     *
     * @param extensionsOf the plugin's extensions of a kind
     * @return why the plugin was refused, or empty when it was added
     */
    Optional<String> addPlugin(String pluginId,
                               Function<Class<? extends WahubExtension>, List<? extends WahubExtension>> extensionsOf) {
        Map<Class<?>, Map<String, Entry>> adding = new HashMap<>();
        for (Class<? extends WahubExtension> kind : ExtensionRegistry.KINDS) {
            for (WahubExtension extension : extensionsOf.apply(kind)) {
                Entry existing = byKind.getOrDefault(kind, Map.of()).get(extension.id());
                if (existing == null) {
                    existing = adding.getOrDefault(kind, Map.of()).get(extension.id());
                }
                if (existing != null) {
                    return Optional.of("its " + kind.getSimpleName() + " '" + extension.id() + "' has the id of one "
                            + (existing.pluginId() == null ? "built into the hub"
                            : "in plugin '" + existing.pluginId() + "'"));
                }
                adding.computeIfAbsent(kind, k -> new HashMap<>()).put(extension.id(), new Entry(extension, pluginId));
            }
        }
        adding.forEach((kind, entries) -> byKind.computeIfAbsent(kind, k -> new TreeMap<>()).putAll(entries));
        return Optional.empty();
    }

    <E extends WahubExtension> Optional<E> find(Class<E> kind, String id) {
        Entry entry = byKind.getOrDefault(kind, Map.of()).get(id);
        return entry == null ? Optional.empty() : Optional.of(kind.cast(entry.extension()));
    }

    <E extends WahubExtension> Collection<E> all(Class<E> kind) {
        return byKind.getOrDefault(kind, Map.of()).values().stream().map(e -> kind.cast(e.extension())).toList();
    }

    Collection<String> ids(Class<? extends WahubExtension> kind) {
        return byKind.getOrDefault(kind, Map.of()).keySet();
    }
}
