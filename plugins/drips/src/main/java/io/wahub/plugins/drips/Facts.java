package io.wahub.plugins.drips;

import io.wahub.sdk.FeatureStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The facts behind the figures, each recorded once: a counter goes up only when its fact (enrolment, step, kind) is
 * new, in the same statement, so an event or a timer run that is retried counts nothing twice. Also the messages
 * send steps queued (to tie status reports and replies to their step) and what contacts did (orders, replies,
 * button clicks) for conditions on past events.
 */
final class Facts {

    /** A message a send step queued. */
    record StepMessage(UUID enrolmentId, UUID campaignId, String stepId) {
    }

    /** Records the fact {@code :kind} of the rows {@code v} (e, c, step, holdout), returning those that are new. */
    private static final String FACTS = """
            INSERT INTO step_fact (tenant_id, enrolment_id, step_id, kind, at)
            SELECT :tenant_id, e, step, :kind, :at FROM v ON CONFLICT DO NOTHING RETURNING enrolment_id, step_id""";
    /** Counts the facts {@link #FACTS} recorded, per campaign, step and holdout. */
    private static final String COUNT_ALL = """
            INSERT INTO step_stat (tenant_id, campaign_id, step_id, holdout, name, value)
            SELECT :tenant_id, v.c, v.step, v.holdout, :kind, count(*) FROM fact
            JOIN v ON v.e = fact.enrolment_id AND v.step = fact.step_id GROUP BY v.c, v.step, v.holdout
            ON CONFLICT (tenant_id, campaign_id, step_id, holdout, name)
            DO UPDATE SET value = step_stat.value + EXCLUDED.value""";

    private Facts() {
    }

    /**
     * Records that {@code kind} happened to the enrolment at {@code stepId} ({@code ""}: the campaign) and counts it,
     * unless it was recorded before.
     *
     * @return whether this call recorded it
     */
    static boolean once(FeatureStore store, Enrolment enrolment, String stepId, String kind, Instant at) {
        return once(store, enrolment.id(), enrolment.campaignId(), enrolment.holdout(), stepId, kind, at);
    }

    static boolean once(FeatureStore store, UUID enrolmentId, UUID campaignId, boolean holdout, String stepId,
                        String kind, Instant at) {
        return onceAll(store, List.<Object[]>of(new Object[] {enrolmentId, campaignId, stepId, holdout}), kind, at)
                == 1;
    }

    /**
     * A send step queued {@code messageId} for the enrolment: the message counts towards the contact's frequency cap
     * and is tied to its step, and the step's {@code sent} fact is recorded and counted; each once, in one statement.
     */
    static void messageSent(FeatureStore store, Enrolment enrolment, String stepId, String messageId, Instant at) {
        messagesSent(store, List.<Object[]>of(new Object[] {enrolment.phone(), UUID.fromString(messageId),
                enrolment.id(), enrolment.campaignId(), stepId, enrolment.holdout()}), at);
    }

    /**
     * {@link #messageSent} of several send steps in one statement: rows of phone, message id, enrolment id, campaign
     * id, step id, holdout.
     */
    static void messagesSent(FeatureStore store, List<Object[]> rows, Instant at) {
        store.update("""
                WITH v (phone, m, e, c, step, holdout) AS (VALUES :rows),
                towards_cap AS (
                    INSERT INTO marketing_send (tenant_id, phone, sent_at, message_id)
                    SELECT :tenant_id, phone, :at, m FROM v ON CONFLICT (tenant_id, message_id) DO NOTHING),
                queued AS (
                    INSERT INTO step_message (tenant_id, message_id, enrolment_id, campaign_id, step_id, sent_at)
                    SELECT :tenant_id, m, e, c, step, :at FROM v ON CONFLICT DO NOTHING),
                fact AS (""" + FACTS + ")\n" + COUNT_ALL, Map.of("rows", rows, "kind", "sent", "at", at));
    }

    /**
     * {@link #once} of one kind for several enrolments in one statement: rows of enrolment id, campaign id, step id,
     * holdout.
     *
     * @return how many counters it raised: for one row, whether it recorded the fact
     */
    static int onceAll(FeatureStore store, List<Object[]> rows, String kind, Instant at) {
        return store.update("WITH v (e, c, step, holdout) AS (VALUES :rows),\nfact AS (" + FACTS + ")\n" + COUNT_ALL,
                Map.of("rows", rows, "kind", kind, "at", at));
    }

    static Optional<StepMessage> message(FeatureStore store, String messageId) {
        return store.query("SELECT enrolment_id, campaign_id, step_id FROM step_message WHERE message_id = :m",
                Map.of("m", UUID.fromString(messageId))).stream().findFirst()
                .map(row -> new StepMessage((UUID) row.get("enrolment_id"), (UUID) row.get("campaign_id"),
                        (String) row.get("step_id")));
    }

    /** The step whose message the enrolment got last, if any. */
    static Optional<String> lastMessagedStep(FeatureStore store, UUID enrolmentId) {
        return store.query("SELECT step_id FROM step_message WHERE enrolment_id = :e ORDER BY sent_at DESC LIMIT 1",
                Map.of("e", enrolmentId)).stream().findFirst().map(row -> (String) row.get("step_id"));
    }

    /** The contact did {@code kind} ({@code order}, {@code replied}, {@code clicked}); {@code ref} names the event. */
    static void contactDid(FeatureStore store, String phone, String kind, String ref, Instant at) {
        store.update("""
                INSERT INTO contact_event (tenant_id, phone, kind, ref, at)
                VALUES (:tenant_id, :phone, :kind, :ref, :at) ON CONFLICT DO NOTHING""",
                Map.of("phone", phone, "kind", kind, "ref", ref, "at", at));
    }

    /** Whether the contact did {@code kind} at or after {@code since}. */
    static boolean didSince(FeatureStore store, String phone, String kind, Instant since) {
        return !store.query("SELECT 1 AS x FROM contact_event WHERE phone = :phone AND kind = :kind AND at >= :since"
                + " LIMIT 1", Map.of("phone", phone, "kind", kind, "since", since)).isEmpty();
    }

    /** Records the goal order's total on an enrolment that reached its goal. */
    static void goalOrder(FeatureStore store, UUID enrolmentId, long amountMinor, String currency) {
        Map<String, Object> params = new HashMap<>();
        params.put("e", enrolmentId);
        params.put("amount", amountMinor);
        params.put("currency", currency);
        store.update("UPDATE enrolment SET goal_amount_minor = :amount, goal_currency = :currency WHERE id = :e",
                params);
    }

    /** Goal revenue of the campaign: rows of holdout, currency, orders, amount (minor units). */
    static List<Map<String, Object>> revenue(FeatureStore store, UUID campaignId) {
        return store.query("""
                SELECT holdout, goal_currency AS currency, count(*) AS orders, sum(goal_amount_minor) AS amount
                FROM enrolment WHERE campaign_id = :c AND exit_reason = 'goal' AND goal_currency IS NOT NULL
                GROUP BY holdout, goal_currency ORDER BY goal_currency""", Map.of("c", campaignId));
    }
}
