package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A contact's journey through a campaign: the next step to run ({@code stepId}) at {@code dueAt}, the trigger's
 * variables ({@code event.*} in templates), and, once it ended, why ({@code exitReason}).
 */
record Enrolment(UUID id, UUID campaignId, String phone, String status, String stepId, Instant dueAt,
                 boolean holdout, Map<String, String> variables, Instant enteredAt, Instant exitedAt,
                 String exitReason) {

    static final String ACTIVE = "active";
    static final String COMPLETED = "completed";
    static final String EXITED = "exited";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.newMapper();

    /** The durable timer of an enrolment; a campaign's timers share the prefix {@link #campaignPrefix}. */
    static String timerKey(UUID campaignId, UUID enrolmentId) {
        return campaignPrefix(campaignId) + "enrolment:" + enrolmentId;
    }

    static String campaignPrefix(UUID campaignId) {
        return "campaign:" + campaignId + ":";
    }

    String timerKey() {
        return timerKey(campaignId, id);
    }

    /** Variables stored as a JSON object of texts. */
    static Map<String, String> variablesOf(String json) {
        Map<String, String> variables = new HashMap<>();
        try {
            JSON.readTree(json).properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable enrolment variables", e);
        }
        return variables;
    }

    static Enrolment of(Map<String, Object> row) {
        Map<String, String> variables = variablesOf((String) row.get("variables"));
        return new Enrolment((UUID) row.get("id"), (UUID) row.get("campaign_id"), (String) row.get("phone"),
                (String) row.get("status"), (String) row.get("step_id"), (Instant) row.get("due_at"),
                (Boolean) row.get("holdout"), variables, (Instant) row.get("entered_at"),
                (Instant) row.get("exited_at"), (String) row.get("exit_reason"));
    }

    static String variablesJson(Map<String, String> variables) {
        ObjectNode node = JSON.createObjectNode();
        variables.forEach(node::put);
        return node.toString();
    }

    JsonNode toJson() {
        ObjectNode node = JSON.createObjectNode().put("id", id.toString()).put("campaignId", campaignId.toString())
                .put("phone", phone).put("status", status).put("holdout", holdout)
                .put("enteredAt", enteredAt.toString());
        if (stepId != null && status.equals(ACTIVE)) {
            node.put("stepId", stepId);
        }
        if (dueAt != null && status.equals(ACTIVE)) {
            node.put("dueAt", dueAt.toString());
        }
        if (exitedAt != null) {
            node.put("exitedAt", exitedAt.toString()).put("exitReason", exitReason);
        }
        return node;
    }
}
