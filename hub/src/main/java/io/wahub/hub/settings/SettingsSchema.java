package io.wahub.hub.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives a JSON Schema (draft 2020-12 subset) from a settings record: one property per component, typed by its
 * Java type, titled by its {@link Setting}, constrained by its Bean Validation annotations. Secrets are marked
 * {@code writeOnly} and {@code x-secret}.
 */
public final class SettingsSchema {

    private static final Map<Class<?>, SettingsSchema> CACHE = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode schema;
    private final List<String> secretFields;
    private final Map<String, String> defaults;

    private SettingsSchema(Class<? extends Record> type) {
        schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        List<String> secrets = new ArrayList<>();
        Map<String, String> defaultValues = new java.util.LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            ObjectNode property = properties.putObject(name);
            describeType(component, property);
            Setting setting = component.getAnnotation(Setting.class);
            if (setting != null) {
                property.put("title", setting.label());
                if (!setting.help().isEmpty()) {
                    property.put("description", setting.help());
                }
                if (setting.options().length > 0) {
                    ArrayNode options = property.putArray("enum");
                    for (String option : setting.options()) {
                        options.add(option);
                    }
                }
                if (setting.secret()) {
                    property.put("writeOnly", true);
                    property.put("x-secret", true);
                    secrets.add(name);
                }
                if (!setting.defaultValue().isEmpty()) {
                    property.set("default", typedDefault(property, setting.defaultValue()));
                    defaultValues.put(name, setting.defaultValue());
                }
            } else {
                property.put("title", name);
            }
            java.lang.reflect.Field field = fieldOf(type, name);
            describeConstraints(field, property);
            if (field.isAnnotationPresent(NotBlank.class) || field.isAnnotationPresent(NotNull.class)) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        secretFields = List.copyOf(secrets);
        defaults = Map.copyOf(defaultValues);
    }

    public static SettingsSchema of(Class<? extends Record> type) {
        return CACHE.computeIfAbsent(type, t -> new SettingsSchema(type));
    }

    /** The schema; callers must not modify it. */
    public ObjectNode json() {
        return schema;
    }

    public List<String> secretFields() {
        return secretFields;
    }

    public boolean isSecret(String field) {
        return secretFields.contains(field);
    }

    /** Declared defaults as JSON values, applied to fields the tenant left unset. */
    public ObjectNode defaults() {
        ObjectNode values = NODES.objectNode();
        defaults.forEach((field, text) ->
                values.set(field, typedDefault((ObjectNode) schema.get("properties").get(field), text)));
        return values;
    }

    private static void describeType(RecordComponent component, ObjectNode property) {
        Class<?> type = component.getType();
        if (type == boolean.class || type == Boolean.class) {
            property.put("type", "boolean");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            property.put("type", "integer");
        } else if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            property.put("type", "number");
        } else if (List.class.isAssignableFrom(type)) {
            property.put("type", "array");
            ObjectNode items = property.putObject("items");
            items.put("type", component.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] == Integer.class ? "integer" : "string");
        } else {
            property.put("type", "string");
        }
    }

    /**
     * Bean Validation annotations cannot target record components; Java propagates them to the record's private
     * field (and accessor), so that is where they are read.
     */
    private static java.lang.reflect.Field fieldOf(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record " + type.getName() + " has no field " + name, e);
        }
    }

    private static void describeConstraints(java.lang.reflect.Field component, ObjectNode property) {
        if (component.getAnnotation(Min.class) instanceof Min min) {
            property.put("minimum", min.value());
        }
        if (component.getAnnotation(Max.class) instanceof Max max) {
            property.put("maximum", max.value());
        }
        if (component.getAnnotation(Pattern.class) instanceof Pattern pattern) {
            property.put("pattern", pattern.regexp());
        }
        if (component.getAnnotation(Size.class) instanceof Size size) {
            if (size.min() > 0) {
                property.put("minLength", size.min());
            }
            if (size.max() < Integer.MAX_VALUE) {
                property.put("maxLength", size.max());
            }
        }
        if (component.isAnnotationPresent(NotBlank.class)) {
            property.put("minLength", Math.max(1, property.path("minLength").asInt(1)));
        }
    }

    private static JsonNode typedDefault(ObjectNode property, String text) {
        return switch (property.path("type").asText()) {
            case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(text));
            case "integer" -> NODES.numberNode(Long.parseLong(text));
            case "number" -> NODES.numberNode(Double.parseDouble(text));
            default -> NODES.textNode(text);
        };
    }
}
