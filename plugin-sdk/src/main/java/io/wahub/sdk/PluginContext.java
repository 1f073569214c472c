package io.wahub.sdk;

import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundHttp;
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

    /**
     * The outbound HTTP client for this extension and tenant: the only way a plugin may call a vendor's API or any
     * other host. It refuses non-public addresses and plain http unless the operator allowed them, bounds every
     * call's time, retries what is safe to retry and keeps credentials out of logs and errors; see
     * {@link OutboundHttp} for the whole contract. Never open connections of your own.
     */
    default OutboundHttp http() {
        return request -> {
            throw new OutboundFailure(OutboundFailure.UNAVAILABLE, "this context offers no outbound HTTP", false,
                    null);
        };
    }
}
