package io.wahub.hub.feature;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which features each tenant switched on. */
@Repository
public class FeatureStateRepository {

    private final JdbcClient jdbc;

    public FeatureStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> enabledFeatures(String tenantId) {
        return new TreeSet<>(jdbc.sql("SELECT feature_id FROM feature_state WHERE tenant_id = :tenant AND enabled")
                .param("tenant", tenantId).query(String.class).list());
    }

    public void setEnabled(String tenantId, String featureId, boolean enabled) {
        jdbc.sql("""
                        INSERT INTO feature_state (tenant_id, feature_id, enabled, updated_at)
                        VALUES (:tenant, :feature, :enabled, now())
                        ON CONFLICT (tenant_id, feature_id) DO UPDATE SET enabled = :enabled, updated_at = now()
                        """)
                .param("tenant", tenantId).param("feature", featureId).param("enabled", enabled).update();
    }
}
