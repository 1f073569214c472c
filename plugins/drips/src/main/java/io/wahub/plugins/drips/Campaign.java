package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    /**
     * Definitions read back, by their stored text: every due step reads its campaign, and reading the definition was
     * a quarter of a step's CPU. A definition is immutable and its text says all of it, so one text read once serves
     * every tenant that stored it; an edited campaign has a new text. The newest {@value #READ_MAX} are kept.
     */
    private static final int READ_MAX = 256;
    private static final Map<String, Definition> READ = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Definition> eldest) {
                    return size() > READ_MAX;
                }
            });

    static Campaign of(Map<String, Object> row) {
        String text = (String) row.get("definition");
        Definition definition = READ.get(text);
        if (definition == null) {
            definition = read(text);
            READ.put(text, definition);
        }
        return new Campaign((UUID) row.get("id"), (String) row.get("name"), (String) row.get("trigger"),
                (String) row.get("status"), ((Number) row.get("version")).intValue(), definition,
                (String) row.get("preset"), (Instant) row.get("created_at"), (Instant) row.get("updated_at"));
    }

    private static Definition read(String text) {
        try {
            return Definition.of(JSON.readTree(text));
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
