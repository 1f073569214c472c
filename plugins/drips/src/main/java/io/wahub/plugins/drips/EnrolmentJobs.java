package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk enrolments (a segment or a CSV file) and the waiting lines of CSV ones, in the feature's tables; current
 * tenant's rows only (row-level security). A job is {@code running} until {@code done}, or {@code stopped} when its
 * campaign stopped being active.
 */
final class EnrolmentJobs {

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String STOPPED = "stopped";
    private static final ObjectMapper JSON = Json.newMapper();
    private static final String COLUMNS = "id, campaign_id, kind, segment::text AS segment, variables::text AS"
            + " variables, cursor, status, enrolled, skipped, rejected, created_at, finished_at";

    /** A job as stored; {@code cursor}: the last phone (segment) or line number (CSV) done. */
    record Job(UUID id, UUID campaignId, String kind, JsonNode segment, Map<String, String> variables, String cursor,
               String status, int enrolled, int skipped, int rejected, Instant createdAt, Instant finishedAt) {

        static String timerKey(UUID id) {
            return "enrolment-job:" + id;
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode().put("id", id.toString()).put("campaignId", campaignId.toString())
                    .put("kind", kind).put("status", status).put("enrolled", enrolled).put("skipped", skipped)
                    .put("rejected", rejected).put("createdAt", createdAt.toString());
            if (segment != null) {
                node.set("segment", segment);
            }
            if (finishedAt != null) {
                node.put("finishedAt", finishedAt.toString());
            }
            return node;
        }
    }

    /** A valid CSV line waiting to be enrolled. */
    record Line(int line, String phone, String name, Map<String, String> variables) {
    }

    private EnrolmentJobs() {
    }

    static Job insert(FeatureStore store, UUID campaignId, String kind, JsonNode segment,
                      Map<String, String> variables, int rejected, Instant now) {
        UUID id = UUID.randomUUID();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("c", campaignId);
        params.put("kind", kind);
        params.put("segment", segment == null ? null : segment.toString());
        params.put("variables", Enrolment.variablesJson(variables));
        params.put("rejected", rejected);
        params.put("now", now);
        store.update("""
                INSERT INTO enrolment_job (tenant_id, id, campaign_id, kind, segment, variables, status, rejected,
                                           created_at)
                VALUES (:tenant_id, :id, :c, :kind, CAST(:segment AS jsonb), CAST(:variables AS jsonb), 'running',
                        :rejected, :now)""", params);
        return find(store, id).orElseThrow();
    }

    /** Stores a chunk of a CSV job's valid lines in one statement. */
    static void addLines(FeatureStore store, UUID jobId, List<Line> lines) {
        ArrayNode rows = JSON.createArrayNode();
        for (Line line : lines) {
            ObjectNode row = rows.addObject().put("line", line.line()).put("phone", line.phone());
            if (line.name() != null) {
                row.put("name", line.name());
            }
            line.variables().forEach(row.putObject("variables")::put);
        }
        store.update("""
                INSERT INTO enrolment_job_line (tenant_id, job_id, line, phone, name, variables)
                SELECT :tenant_id, :job, (r ->> 'line')::int, r ->> 'phone', r ->> 'name',
                       COALESCE(r -> 'variables', '{}'::jsonb)
                FROM jsonb_array_elements(CAST(:rows AS jsonb)) r
                ON CONFLICT DO NOTHING""", Map.of("job", jobId, "rows", rows.toString()));
    }

    static List<Line> lines(FeatureStore store, UUID jobId, int afterLine, int limit) {
        return store.query("""
                SELECT line, phone, name, variables::text AS variables FROM enrolment_job_line
                WHERE job_id = :job AND line > :after ORDER BY line LIMIT :limit""",
                Map.of("job", jobId, "after", afterLine, "limit", limit)).stream()
                .map(row -> new Line((Integer) row.get("line"), (String) row.get("phone"), (String) row.get("name"),
                        Enrolment.variablesOf((String) row.get("variables"))))
                .toList();
    }

    static Optional<Job> find(FeatureStore store, UUID id) {
        return store.query("SELECT " + COLUMNS + " FROM enrolment_job WHERE id = :id", Map.of("id", id)).stream()
                .findFirst().map(EnrolmentJobs::job);
    }

    static List<Job> recent(FeatureStore store, int limit) {
        return store.query("SELECT " + COLUMNS + " FROM enrolment_job ORDER BY created_at DESC LIMIT :limit",
                Map.of("limit", limit)).stream().map(EnrolmentJobs::job).toList();
    }

    /** A page done: its counts added and the cursor moved, or the job finished ({@code status} not running). */
    static void progress(FeatureStore store, UUID id, String cursor, int enrolled, int skipped, String status,
                         Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("cursor", cursor);
        params.put("enrolled", enrolled);
        params.put("skipped", skipped);
        params.put("status", status);
        params.put("now", now);
        store.transaction(tx -> {
            tx.update("""
                    UPDATE enrolment_job SET cursor = COALESCE(:cursor, cursor), enrolled = enrolled + :enrolled,
                           skipped = skipped + :skipped, status = :status,
                           finished_at = CASE WHEN :status = 'running' THEN NULL ELSE CAST(:now AS timestamptz) END
                    WHERE id = :id AND status = 'running'""", params);
            if (!status.equals(RUNNING)) {
                tx.update("DELETE FROM enrolment_job_line WHERE job_id = :id", Map.of("id", id));
            }
            return null;
        });
    }

    private static Job job(Map<String, Object> row) {
        try {
            String segment = (String) row.get("segment");
            return new Job((UUID) row.get("id"), (UUID) row.get("campaign_id"), (String) row.get("kind"),
                    segment == null ? null : JSON.readTree(segment),
                    Enrolment.variablesOf((String) row.get("variables")),
                    (String) row.get("cursor"), (String) row.get("status"), ((Number) row.get("enrolled")).intValue(),
                    ((Number) row.get("skipped")).intValue(), ((Number) row.get("rejected")).intValue(),
                    (Instant) row.get("created_at"), (Instant) row.get("finished_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable enrolment job segment", e);
        }
    }
}
