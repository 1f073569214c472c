package io.wahub.hub.feature.state;

import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.sdk.Feature;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The schemas of the features that ship their own tables, migrated and secured when the hub starts
 * ({@link FeatureSchemaMigrator}). A feature whose migrations fail or whose schema breaks the rules is refused: it is
 * logged as an error naming the table, its store fails with the same reason, and its API answers 503; the hub and
 * the other features start. When some feature has tables but the hub's database user may not create or use the
 * feature role ({@link FeatureRole}), the hub does not start, saying which grant is missing.
 */
@Component
public class FeatureSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureSchemas.class);

    private final Map<String, String> schemas = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public FeatureSchemas(ExtensionRegistry extensions, DataSource dataSource) {
        List<Feature> stateful = extensions.features().stream()
                .filter(f -> FeatureSchemaMigrator.hasMigrations(f.getClass().getClassLoader())).toList();
        if (stateful.isEmpty()) {
            return;
        }
        FeatureRole.ensure(dataSource);
        for (Feature feature : stateful) {
            try {
                String schema = FeatureSchemaMigrator.migrate(dataSource, feature.id(),
                        feature.getClass().getClassLoader());
                schemas.put(feature.id(), schema);
                LOG.info("Feature {} has its tables in schema {}", feature.id(), schema);
            } catch (RuntimeException e) {
                refused.put(feature.id(), e.getMessage());
                LOG.error("Feature '{}' is refused: its tables could not be prepared: {}", feature.id(),
                        e.getMessage(), e);
            }
        }
    }

    /**
     * The schema of feature {@code featureId}.
     *
     * @throws IllegalStateException when the feature has no tables, or was refused (with the reason)
     */
    public String schemaOf(String featureId) {
        String schema = schemas.get(featureId);
        if (schema != null) {
            return schema;
        }
        String reason = refused.get(featureId);
        throw new IllegalStateException(reason != null ? reason : "Feature '" + featureId + "' ships no migrations"
                + " under " + FeatureSchemaMigrator.MIGRATIONS + "/, so it has no store");
    }

    /** Why feature {@code featureId} was refused at start, or null when it was not. */
    public String refusal(String featureId) {
        return refused.get(featureId);
    }
}
