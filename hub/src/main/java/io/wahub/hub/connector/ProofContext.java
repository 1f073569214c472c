package io.wahub.hub.connector;

import io.wahub.sdk.PluginContext;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;

/** A tenant's context for proving a routing key: the same settings and clock, an outbound client the hub restricts. */
final class ProofContext implements PluginContext {

    private final PluginContext tenant;
    private final OutboundHttp http;

    ProofContext(PluginContext tenant, OutboundHttp http) {
        this.tenant = tenant;
        this.http = http;
    }

    @Override
    public String tenantId() {
        return tenant.tenantId();
    }

    @Override
    public <S extends Record> S settings(Class<S> type) {
        return tenant.settings(type);
    }

    @Override
    public boolean configured() {
        return tenant.configured();
    }

    @Override
    public Clock clock() {
        return tenant.clock();
    }

    @Override
    public OutboundHttp http() {
        return http;
    }
}
