package io.wahub.sdk;

import java.time.Clock;

/**
 * What the hub gives an extension for one tenant. Implemented by the hub; plugins never reach past it.
 */
public interface PluginContext {

    /** The tenant this call is for. */
    String tenantId();

    /**
     * The tenant's settings for the calling extension, bound to its {@link WahubExtension#settingsType()} record,
     * with secrets decrypted.
     *
     * @throws IllegalStateException if the type is not the extension's settings type
     */
    <S extends Record> S settings(Class<S> type);

    /** Whether the tenant has saved settings for this extension at all. */
    boolean configured();

    /** The hub's clock; use it instead of {@code Instant.now()} so tests can fix time. */
    Clock clock();
}
