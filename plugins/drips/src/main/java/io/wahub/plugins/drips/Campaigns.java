package io.wahub.plugins.drips;

import io.wahub.sdk.FeatureStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's campaigns and their versions, in the feature's tables ({@code db/feature/V1__drips.sql}); every
 * statement sees the current tenant's rows only (row-level security), so only inserts name it ({@code :tenant_id}).
 */
final class Campaigns {

    private static final String COLUMNS = "id, name, trigger, status, version, definition::text AS definition,"
            + " preset, created_at, updated_at";

    private Campaigns() {
    }

    static List<Campaign> all(FeatureStore store, String status) {
        return store.query("SELECT " + COLUMNS + " FROM campaign WHERE (:status = '' OR status = :status)"
                + " ORDER BY created_at", Map.of("status", status == null ? "" : status))
                .stream().map(Campaign::of).toList();
    }

    static Optional<Campaign> find(FeatureStore store, UUID id) {
        return store.query("SELECT " + COLUMNS + " FROM campaign WHERE id = :id", Map.of("id", id)).stream()
                .findFirst().map(Campaign::of);
    }

    static Optional<Campaign> byPreset(FeatureStore store, String preset) {
        return store.query("SELECT " + COLUMNS + " FROM campaign WHERE preset = :preset AND status <> 'archived'",
                Map.of("preset", preset)).stream().findFirst().map(Campaign::of);
    }

    /** The active campaigns a trigger event enrols into. */
    static List<Campaign> activeFor(FeatureStore store, String trigger) {
        return store.query("SELECT " + COLUMNS + " FROM campaign WHERE trigger = :trigger AND status = 'active'",
                Map.of("trigger", trigger)).stream().map(Campaign::of).toList();
    }

    /** Active and paused campaigns whose goals include the event type. */
    static List<Campaign> withGoal(FeatureStore store, String eventType) {
        return store.query("SELECT " + COLUMNS + " FROM campaign WHERE status IN ('active', 'paused')"
                + " AND definition -> 'goals' @> jsonb_build_array(CAST(:goal AS text))", Map.of("goal", eventType)).stream().map(Campaign::of)
                .toList();
    }

    static Campaign insert(FeatureStore store, String name, String trigger, Definition definition, String preset,
                           Instant now) {
        UUID id = UUID.randomUUID();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("name", name);
        params.put("trigger", trigger);
        params.put("definition", definition.toJson().toString());
        params.put("preset", preset);
        params.put("now", now);
        store.transaction(tx -> {
            tx.update("""
                    INSERT INTO campaign (tenant_id, id, name, trigger, status, version, definition, preset,
                                          created_at, updated_at)
                    VALUES (:tenant_id, :id, :name, :trigger, 'draft', 1, CAST(:definition AS jsonb), :preset,
                            :now, :now)""", params);
            return version(tx, id, 1, params);
        });
        return find(store, id).orElseThrow();
    }

    /** Stores a new version of the definition (and name); enrolments keep their step ids. */
    static Campaign update(FeatureStore store, Campaign campaign, String name, Definition definition, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", campaign.id());
        params.put("name", name);
        params.put("definition", definition.toJson().toString());
        params.put("now", now);
        store.transaction(tx -> {
            int version = ((Number) tx.query("""
                    UPDATE campaign SET name = :name, definition = CAST(:definition AS jsonb), version = version + 1,
                                        updated_at = :now
                    WHERE id = :id RETURNING version""", params).getFirst().get("version")).intValue();
            return version(tx, campaign.id(), version, params);
        });
        return find(store, campaign.id()).orElseThrow();
    }

    static void status(FeatureStore store, UUID id, String status, Instant now) {
        store.update("UPDATE campaign SET status = :status, updated_at = :now WHERE id = :id",
                Map.of("id", id, "status", status, "now", now));
    }

    private static int version(FeatureStore tx, UUID id, int version, Map<String, Object> params) {
        return tx.update("""
                INSERT INTO campaign_version (tenant_id, campaign_id, version, definition, created_at)
                VALUES (:tenant_id, :id, :version, CAST(:definition AS jsonb), :now)""",
                Map.of("id", id, "version", version, "definition", params.get("definition"), "now",
                        params.get("now")));
    }
}
