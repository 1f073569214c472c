package io.wahub.sdk;

import org.pf4j.ExtensionPoint;

/**
 * What every Wahub extension has: a stable id and, optionally, per-tenant settings.
 *
 * <p>Lifecycle: the hub instantiates each extension once when its plugin starts, and drops it when the plugin is
 * stopped or unloaded. Instances are shared by all tenants and called concurrently, so they must hold no
 * tenant state.
 */
public interface WahubExtension extends ExtensionPoint {

    /** Stable kebab-case id, unique per extension kind (for example {@code shopify}, {@code packing-list}). */
    String id();

    /** Human-readable name shown in the admin panel. */
    default String displayName() {
        return id();
    }

    /**
     * The record type holding this extension's per-tenant settings. Its components may carry {@link Setting} and
     * Bean Validation annotations; the hub derives the settings form and validates input from them.
     */
    default Class<? extends Record> settingsType() {
        return NoSettings.class;
    }

    /** Settings type of extensions that have none. */
    record NoSettings() {
    }
}
