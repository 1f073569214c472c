package io.wahub.hub.feature.state;

import io.wahub.sdk.FeatureStore;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Hands a feature its {@link FeatureStore} for one tenant. */
@Component
public class FeatureStores {

    private final FeatureSchemas schemas;
    private final DataSource dataSource;

    public FeatureStores(FeatureSchemas schemas, DataSource dataSource) {
        this.schemas = schemas;
        this.dataSource = dataSource;
    }

    /**
     * The store of feature {@code featureId} for {@code tenantId}.
     *
     * @throws IllegalStateException when the feature has no tables, or was refused at start
     */
    public FeatureStore forTenant(String tenantId, String featureId) {
        return new JdbcFeatureStore(dataSource, tenantId, schemas.schemaOf(featureId), false);
    }

    /**
     * The store of feature {@code featureId} for {@code tenantId}, whose commits do not wait for the disk: only for a
     * run the hub follows with a synchronous commit before it reports the run done (see {@link JdbcFeatureStore}).
     *
     * @throws IllegalStateException when the feature has no tables, or was refused at start
     */
    public FeatureStore forTenantDeferred(String tenantId, String featureId) {
        return new JdbcFeatureStore(dataSource, tenantId, schemas.schemaOf(featureId), true);
    }
}
