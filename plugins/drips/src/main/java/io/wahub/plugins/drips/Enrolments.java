package io.wahub.plugins.drips;

import io.wahub.sdk.FeatureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Enrolments, the marketing sends behind the frequency cap, and the counters per campaign and step; current tenant's
 * rows only (row-level security).
 */
final class Enrolments {

    private static final String COLUMNS = "id, campaign_id, phone, status, step_id, due_at, holdout,"
            + " variables::text AS variables, entered_at, exited_at, exit_reason";

    private Enrolments() {
    }

    static Optional<Enrolment> find(FeatureStore store, UUID id) {
        return one(store.query("SELECT " + COLUMNS + " FROM enrolment WHERE id = :id", Map.of("id", id)));
    }

    /** An enrolment and its campaign as stored. */
    record WithCampaign(Enrolment enrolment, Campaign campaign) {
    }

    private static final String WITH_CAMPAIGN = """
            SELECT e.id, e.campaign_id, e.phone, e.status, e.step_id, e.due_at, e.holdout,
                   e.variables::text AS variables, e.entered_at, e.exited_at, e.exit_reason, c.name AS c_name,
                   c.trigger AS c_trigger, c.status AS c_status, c.version AS c_version,
                   c.definition::text AS c_definition, c.preset AS c_preset, c.created_at AS c_created_at,
                   c.updated_at AS c_updated_at
            FROM enrolment e JOIN campaign c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            """;

    /** The enrolment with its campaign, read in one statement (each timer run starts with it). */
    static Optional<WithCampaign> withCampaign(FeatureStore store, UUID id) {
        return store.query(WITH_CAMPAIGN + "WHERE e.id = :id", Map.of("id", id)).stream().findFirst()
                .map(Enrolments::withCampaign);
    }

    /** {@link #withCampaign} of several enrolments, by id, in one statement; those not found are absent. */
    static Map<UUID, WithCampaign> withCampaigns(FeatureStore store, Collection<UUID> ids) {
        Map<UUID, WithCampaign> found = new HashMap<>();
        store.query(WITH_CAMPAIGN + "WHERE e.id IN (:ids)", Map.of("ids", List.copyOf(ids))).stream()
                .map(Enrolments::withCampaign).forEach(row -> found.put(row.enrolment().id(), row));
        return found;
    }

    private static WithCampaign withCampaign(Map<String, Object> row) {
        Map<String, Object> campaign = new HashMap<>();
        row.forEach((column, value) -> {
            if (column.startsWith("c_")) {
                campaign.put(column.substring(2), value);
            }
        });
        campaign.put("id", row.get("campaign_id"));
        return new WithCampaign(Enrolment.of(row), Campaign.of(campaign));
    }

    static Optional<Enrolment> active(FeatureStore store, UUID campaignId, String phone) {
        return one(store.query("SELECT " + COLUMNS + " FROM enrolment WHERE campaign_id = :c AND phone = :phone"
                + " AND status = 'active'", Map.of("c", campaignId, "phone", phone)));
    }

    /** The contact's active enrolments in any campaign. */
    static List<Enrolment> activeOf(FeatureStore store, String phone) {
        return store.query("SELECT " + COLUMNS + " FROM enrolment WHERE phone = :phone AND status = 'active'",
                Map.of("phone", phone)).stream().map(Enrolment::of).toList();
    }

    /** The contact's enrolments still active, or completed at or after {@code since} (a reply may come late). */
    static List<Enrolment> activeOrCompletedSince(FeatureStore store, String phone, Instant since) {
        return store.query("SELECT " + COLUMNS + " FROM enrolment WHERE phone = :phone AND (status = 'active'"
                + " OR (status = 'completed' AND exited_at >= :since))", Map.of("phone", phone, "since", since))
                .stream().map(Enrolment::of).toList();
    }

    static List<Enrolment> activeIn(FeatureStore store, UUID campaignId) {
        return store.query("SELECT " + COLUMNS + " FROM enrolment WHERE campaign_id = :c AND status = 'active'",
                Map.of("c", campaignId)).stream().map(Enrolment::of).toList();
    }

    static List<Enrolment> list(FeatureStore store, UUID campaignId, int limit) {
        return store.query("SELECT " + COLUMNS + " FROM enrolment WHERE campaign_id = :c"
                + " ORDER BY entered_at DESC LIMIT :limit", Map.of("c", campaignId, "limit", limit)).stream()
                .map(Enrolment::of).toList();
    }

    /** What a campaign knows of a contact: whether a journey is active, and when the last one began. */
    record Past(boolean active, Instant lastEntered) {
    }

    /** The contacts' journeys in the campaign so far, by number; a contact never enrolled is absent. */
    static Map<String, Past> past(FeatureStore store, UUID campaignId, List<String> phones) {
        Map<String, Past> past = new HashMap<>();
        store.query("""
                SELECT phone, bool_or(status = 'active') AS active, max(entered_at) AS last FROM enrolment
                WHERE campaign_id = :c AND phone IN (:phones) GROUP BY phone""",
                Map.of("c", campaignId, "phones", phones))
                .forEach(row -> past.put((String) row.get("phone"),
                        new Past(Boolean.TRUE.equals(row.get("active")), (Instant) row.get("last"))));
        return past;
    }

    /** Inserts active enrolments, in one statement; returns the ids inserted (not those already active). */
    static Set<UUID> insertAll(FeatureStore store, Collection<Enrolment> enrolments) {
        Set<UUID> inserted = new HashSet<>();
        if (enrolments.isEmpty()) {
            return inserted;
        }
        List<Object[]> rows = enrolments.stream().map(e -> new Object[] {e.id(), e.campaignId(), e.phone(),
                e.stepId(), e.dueAt(), e.holdout(), Enrolment.variablesJson(e.variables()), e.enteredAt()}).toList();
        store.query("""
                INSERT INTO enrolment (tenant_id, id, campaign_id, phone, status, step_id, due_at, holdout, variables,
                                       entered_at)
                SELECT :tenant_id, v.id, v.c, v.phone, 'active', v.step, CAST(v.due AS timestamptz), v.holdout,
                       CAST(v.variables AS jsonb), CAST(v.entered AS timestamptz)
                FROM (VALUES :rows) AS v(id, c, phone, step, due, holdout, variables, entered)
                ON CONFLICT (tenant_id, campaign_id, phone) WHERE status = 'active' DO NOTHING
                RETURNING id""", Map.of("rows", rows))
                .forEach(row -> inserted.add((UUID) row.get("id")));
        return inserted;
    }

    /** Moves an active enrolment to its next step. */
    static void position(FeatureStore store, UUID id, String stepId, Instant dueAt) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("step", stepId);
        params.put("due", dueAt);
        store.update("UPDATE enrolment SET step_id = :step, due_at = :due WHERE id = :id AND status = 'active'",
                params);
    }

    /** {@link #position} of several enrolments in one statement: rows of enrolment id, step id, due instant. */
    static void positionAll(FeatureStore store, List<Object[]> rows) {
        store.update("""
                UPDATE enrolment e SET step_id = v.step, due_at = CAST(v.due AS timestamptz)
                FROM (VALUES :rows) AS v(id, step, due) WHERE e.id = v.id AND e.status = 'active'""",
                Map.of("rows", rows));
    }

    /** Completes the enrolments still active, in one statement; returns the ids it completed. */
    static Set<UUID> completeAll(FeatureStore store, Collection<UUID> ids, Instant now) {
        Set<UUID> completed = new HashSet<>();
        store.query("UPDATE enrolment SET status = 'completed', exit_reason = 'completed', exited_at = :now,"
                + " due_at = NULL WHERE id IN (:ids) AND status = 'active' RETURNING id",
                Map.of("ids", List.copyOf(ids), "now", now)).forEach(row -> completed.add((UUID) row.get("id")));
        return completed;
    }

    /** Ends an active enrolment; false when it had ended already. */
    static boolean end(FeatureStore store, UUID id, String status, String reason, Instant now) {
        return store.update("UPDATE enrolment SET status = :status, exit_reason = :reason, exited_at = :now,"
                + " due_at = NULL WHERE id = :id AND status = 'active'",
                Map.of("id", id, "status", status, "reason", reason, "now", now)) == 1;
    }

    static int sentWithin(FeatureStore store, String phone, Instant now, Duration window) {
        return ((Number) store.query("SELECT count(*) AS n FROM marketing_send WHERE phone = :phone"
                + " AND sent_at > :since", Map.of("phone", phone, "since", now.minus(window))).getFirst().get("n"))
                .intValue();
    }

    /** {@link #sentWithin} of several numbers, in one statement; a number with none is absent. */
    static Map<String, Integer> sentWithin(FeatureStore store, Collection<String> phones, Instant now,
                                           Duration window) {
        Map<String, Integer> sent = new HashMap<>();
        store.query("SELECT phone, count(*) AS n FROM marketing_send WHERE phone IN (:phones) AND sent_at > :since"
                + " GROUP BY phone", Map.of("phones", List.copyOf(phones), "since", now.minus(window)))
                .forEach(row -> sent.put((String) row.get("phone"), ((Number) row.get("n")).intValue()));
        return sent;
    }

    /** Every counter of the campaign: rows of step_id, holdout, name, value. */
    static List<Map<String, Object>> counters(FeatureStore store, UUID campaignId) {
        return store.query("SELECT step_id, holdout, name, value FROM step_stat WHERE campaign_id = :c"
                + " ORDER BY step_id, name", Map.of("c", campaignId));
    }

    private static Optional<Enrolment> one(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(Enrolment::of);
    }
}
