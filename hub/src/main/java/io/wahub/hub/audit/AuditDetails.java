package io.wahub.hub.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the audit log says about a settings change: the names of the fields sent, never their values. */
public final class AuditDetails {

    private AuditDetails() {
    }

    public static Map<String, Object> settingNames(JsonNode settings) {
        List<String> names = new ArrayList<>();
        if (settings != null && settings.isObject()) {
            settings.fieldNames().forEachRemaining(names::add);
        }
        names.sort(null);
        return Map.of("fields", names);
    }
}
