package io.wahub.sdk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * A call of an {@link ApiOperation}, as the hub received and authenticated it.
 *
 * @param pathVariables the template's variables, decoded: {@code {"id": "v-123"}}
 * @param query         query parameters, decoded, each with its values in order
 * @param body          the JSON body; {@link MissingNode} when there was none
 * @param caller        who is calling, for the feature's own records: a person's email, or {@code key:<prefix>}
 */
public record ApiRequest(Map<String, String> pathVariables, Map<String, List<String>> query, JsonNode body,
                         String caller) {

    public ApiRequest {
        pathVariables = Map.copyOf(pathVariables);
        query = Map.copyOf(query);
        body = body == null ? MissingNode.getInstance() : body;
    }

    /** The path variable {@code name}. */
    public String path(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the operation's path has no variable {" + name + "}");
        }
        return value;
    }

    /** The first value of query parameter {@code name}, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
