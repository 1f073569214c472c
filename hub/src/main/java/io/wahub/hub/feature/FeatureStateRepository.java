package io.wahub.hub.feature;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which features each tenant switched on. Read on every dispatched event, so cached for a few seconds per node;
 * a change made through this node applies at once.
 */
@Repository
public class FeatureStateRepository {

    private final JdbcClient jdbc;
    private final LoadingCache<String, Set<String>> cache;

    public FeatureStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000)
                .build(this::load);
    }

    public Set<String> enabledFeatures(String tenantId) {
        return cache.get(tenantId);
    }

    private Set<String> load(String tenantId) {
        return Collections.unmodifiableSet(new TreeSet<>(jdbc.sql(
                        "SELECT feature_id FROM feature_state WHERE tenant_id = :tenant AND enabled")
                .param("tenant", tenantId).query(String.class).list()));
    }

    public void setEnabled(String tenantId, String featureId, boolean enabled) {
        jdbc.sql("""
                        INSERT INTO feature_state (tenant_id, feature_id, enabled, updated_at)
                        VALUES (:tenant, :feature, :enabled, now())
                        ON CONFLICT (tenant_id, feature_id) DO UPDATE SET enabled = :enabled, updated_at = now()
                        """)
                .param("tenant", tenantId).param("feature", featureId).param("enabled", enabled).update();
        cache.invalidate(tenantId);
    }
}
