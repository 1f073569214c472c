package io.wahub.hub.testplugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Setting;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import io.wahub.sdk.api.FeatureApi;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature of the tests' notes plugin, with an API and tables of its own ({@code db/feature/V1__notes.sql}, see
 * {@link TestPluginJar#notesPluginDir}): write a note (and optionally send it as a message), list notes with a query
 * that forgets its tenant filter on purpose, read one, delete one, and try to read the hub's tables; and a panel page
 * for them.
 */
public class NotesFeature implements Feature, FeatureApi, FeaturePanel {

    public static final String ID = "test-notes";
    public static final String MIGRATION = """
            CREATE TABLE notes (
                tenant_id text   NOT NULL,
                id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                text      text   NOT NULL
            );
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
    }

    @Override
    public List<ApiOperation> operations() {
        return List.of(
                ApiOperation.post("/notes", "Writes a note, and sends it to 'to' when given",
                        JSON.createObjectNode().put("type", "object").set("properties", JSON.createObjectNode()
                                .set("text", JSON.createObjectNode().put("type", "string"))),
                        this::write),
                ApiOperation.get("/notes", "Lists the notes (a query without a tenant filter)", this::list),
                ApiOperation.get("/notes/{id}", "Reads one note", this::read),
                ApiOperation.delete("/notes/{id}", "Deletes a note", this::remove),
                ApiOperation.get("/peek/{table}", "Tries to read a hub table", this::peek));
    }

    private ApiResponse write(ApiRequest request, FeatureContext context) {
        String text = request.body().path("text").asText("");
        if (text.isBlank()) {
            throw ApiProblem.invalid(Map.of("text", "must not be blank"));
        }
        Map<String, Object> row = context.store().query("INSERT INTO notes (tenant_id, text) VALUES (:tenant_id, :text)"
                + " RETURNING id, current_setting('synchronous_commit') AS commit", Map.of("text", text)).getFirst();
        long id = ((Number) row.get("id")).longValue();
        String to = request.body().path("to").asText("");
        if (!to.isEmpty()) {
            context.send(OutboundMessage.text(to, MessageCategory.UTILITY, text, ID + ":note:" + id));
        }
        return ApiResponse.created(JSON.createObjectNode().put("id", id).put("text", text)
                .put("by", request.caller()).put("synchronousCommit", (String) row.get("commit")));
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        ArrayNode notes = JSON.createArrayNode();
        context.store().query("SELECT id, text FROM notes ORDER BY id", Map.of())
                .forEach(row -> notes.add(JSON.valueToTree(row)));
        return ApiResponse.ok(notes);
    }

    private ApiResponse read(ApiRequest request, FeatureContext context) {
        List<Map<String, Object>> rows = context.store().query("SELECT id, text, current_setting('synchronous_commit')"
                        + " AS \"synchronousCommit\" FROM notes WHERE id = :id",
                Map.of("id", Long.parseLong(request.path("id"))));
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("Note " + request.path("id"));
        }
        return ApiResponse.ok(JSON.valueToTree(rows.getFirst()));
    }

    private ApiResponse remove(ApiRequest request, FeatureContext context) {
        if (context.store().update("DELETE FROM notes WHERE id = :id",
                Map.of("id", Long.parseLong(request.path("id")))) == 0) {
            throw ApiProblem.notFound("Note " + request.path("id"));
        }
        return ApiResponse.noContent();
    }

    /** The panel's form to write a note. */
    public record NoteForm(@Setting(label = "Text") @NotBlank String text,
                           @Setting(label = "Send to", help = "E.164 number; empty: keep it") String to) {
    }

    @Override
    public List<PanelResource> resources() {
        List<PanelResource.Column> columns = List.of(new PanelResource.Column("id", "Id", "number"),
                new PanelResource.Column("text", "Text", "text"));
        return List.of(new PanelResource("notes", "Notes",
                new PanelResource.Listing("/notes", columns, List.of()),
                new PanelResource.Detail("/notes/{id}", columns),
                List.of(new PanelResource.Action("delete", "Delete", "DELETE", "/notes/{id}", true)),
                new PanelResource.Form("/notes", NoteForm.class)));
    }

    private ApiResponse peek(ApiRequest request, FeatureContext context) {
        String sql = switch (request.path("table")) {
            case "tenant" -> "SELECT id FROM public.tenant";
            case "api_key" -> "SELECT secret_hash FROM public.api_key";
            default -> throw ApiProblem.notFound("Table " + request.path("table"));
        };
        ObjectNode answer = JSON.createObjectNode();
        try {
            answer.put("rows", context.store().query(sql, Map.of()).size());
        } catch (IllegalStateException e) {
            answer.put("error", e.getMessage());
        }
        return ApiResponse.ok(answer);
    }
}
