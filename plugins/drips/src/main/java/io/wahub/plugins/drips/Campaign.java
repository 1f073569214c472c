package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign as stored: status {@code draft}, {@code active}, {@code paused} or {@code archived}; trigger
 * {@code checkout.created}, {@code order.fulfilled} or {@code api} (enrolment by API only).
 */
record Campaign(UUID id, String name, String trigger, String status, int version, Definition definition,
                String preset, Instant createdAt, Instant updatedAt) {

    static final String DRAFT = "draft";
    static final String ACTIVE = "active";
    static final String PAUSED = "paused";
    static final String ARCHIVED = "archived";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.newMapper();

    static Campaign of(Map<String, Object> row) {
        try {
            JsonNode definition = JSON.readTree((String) row.get("definition"));
            return new Campaign((UUID) row.get("id"), (String) row.get("name"), (String) row.get("trigger"),
                    (String) row.get("status"), ((Number) row.get("version")).intValue(), Definition.of(definition),
                    (String) row.get("preset"), (Instant) row.get("created_at"), (Instant) row.get("updated_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode toJson() {
        ObjectNode node = definition.toJson();
        ObjectNode view = JSON.createObjectNode().put("id", id.toString()).put("name", name).put("trigger", trigger)
                .put("status", status).put("version", version);
        if (preset != null) {
            view.put("preset", preset);
        }
        view.setAll(node);
        return view.put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
    }
}
