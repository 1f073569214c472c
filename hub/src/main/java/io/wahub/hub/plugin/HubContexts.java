package io.wahub.hub.plugin;

import io.wahub.hub.outbound.OutboundClient;
import io.wahub.hub.settings.ExtensionSettingsService;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Builds the contexts the hub hands to extensions: one tenant, that extension's settings, the hub's clock. */
@Component
public class HubContexts {

    private final ExtensionSettingsService settings;
    private final Clock clock;
    private final OutboundClient outbound;

    public HubContexts(ExtensionSettingsService settings, Clock clock, OutboundClient outbound) {
        this.settings = settings;
        this.clock = clock;
        this.outbound = outbound;
    }

    /** The context of {@code extension} for one tenant; features get more on top of it (see the feature package). */
    public PluginContext forExtension(String tenantId, WahubExtension extension) {
        return new ExtensionContext(tenantId, extension);
    }

    private class ExtensionContext implements PluginContext {

        private final String tenantId;
        private final WahubExtension extension;

        ExtensionContext(String tenantId, WahubExtension extension) {
            this.tenantId = tenantId;
            this.extension = extension;
        }

        @Override
        public String tenantId() {
            return tenantId;
        }

        @Override
        public <S extends Record> S settings(Class<S> type) {
            if (type != extension.settingsType()) {
                throw new IllegalStateException(extension.id() + " asked for " + type.getName()
                        + " but declares " + extension.settingsType().getName());
            }
            return type.cast(settings.bind(tenantId, extension).settings());
        }

        @Override
        public boolean configured() {
            return settings.bind(tenantId, extension).configured();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public OutboundHttp http() {
            return outbound.forExtension(tenantId, extension.id());
        }
    }
}
