package io.wahub.hub.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wahub.hub.web.ProblemException;
import io.wahub.sdk.WahubExtension;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Reads, validates, stores and binds the per-tenant settings of connectors and features.
 *
 * <p>Secrets are write-only: they are stored encrypted, returned masked as {@value #MASK}, and a save that leaves a
 * secret empty or masked keeps the stored value. Bound settings are cached for a few seconds per node (a change
 * made on another node is seen within {@link #CACHE_TTL}).
 */
@Service
public class ExtensionSettingsService {

    public static final String MASK = "••••";
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /** Settings bound for a tenant: the record (with defaults and decrypted secrets) and whether any were saved. */
    public record Bound(Record settings, boolean configured) {
    }

    private record Key(String tenantId, String extensionId) {
    }

    private final ExtensionSettingsRepository repository;
    private final SecretCipher cipher;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final List<SettingsCheck> checks;
    private final Cache<Key, Bound> cache = Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(100_000)
            .build();

    public ExtensionSettingsService(ExtensionSettingsRepository repository, SecretCipher cipher, Validator validator,
                                    ObjectMapper mapper, List<SettingsCheck> checks) {
        this.repository = repository;
        this.cipher = cipher;
        this.validator = validator;
        this.checks = List.copyOf(checks);
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The settings as the API shows them: defaults applied, secrets masked (absent when unset). */
    public ObjectNode view(String tenantId, WahubExtension extension) {
        SettingsSchema schema = SettingsSchema.of(extension.settingsType());
        ObjectNode view = schema.defaults();
        repository.find(tenantId, extension.id()).ifPresent(stored -> {
            view.setAll(readObject(stored.settingsJson()));
            if (stored.encryptedSecrets() != null) {
                readObject(cipher.decrypt(stored.encryptedSecrets())).fieldNames()
                        .forEachRemaining(name -> view.put(name, MASK));
            }
        });
        return view;
    }

    public boolean configured(String tenantId, String extensionId) {
        return repository.find(tenantId, extensionId).isPresent();
    }

    /**
     * Validates and stores new settings, merged over the stored ones.
     *
     * @throws ProblemException 422 with {@code errors} keyed by field when a value is missing, mistyped, only
     *                          white space or invalid,
     *                          or refused by a {@link SettingsCheck} (an outbound URL the hub would not call)
     */
    public ObjectNode save(String tenantId, WahubExtension extension, JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new ProblemException(400, "invalid-settings", "Invalid settings", "settings must be a JSON object");
        }
        SettingsSchema schema = SettingsSchema.of(extension.settingsType());
        var stored = repository.find(tenantId, extension.id());
        ObjectNode plain = stored.map(s -> readObject(s.settingsJson())).orElseGet(mapper::createObjectNode);
        ObjectNode secrets = stored.map(s -> s.encryptedSecrets() == null ? mapper.createObjectNode()
                : readObject(cipher.decrypt(s.encryptedSecrets()))).orElseGet(mapper::createObjectNode);
        Map<String, String> errors = new TreeMap<>();
        JsonNode properties = schema.json().get("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!properties.has(name)) {
                errors.put(name, "unknown setting");
            } else if (value.isTextual() && !value.asText().isEmpty() && value.asText().isBlank()) {
                errors.put(name, "must not be only spaces");
            } else if (schema.isSecret(name)) {
                if (value.isTextual() && !value.asText().isEmpty() && !MASK.equals(value.asText())) {
                    secrets.set(name, value);
                }
            } else if (value.isNull()) {
                plain.remove(name);
            } else {
                plain.set(name, value);
            }
        }
        if (errors.isEmpty()) {
            Record bound = bindAndValidate(extension, schema, plain, secrets, errors);
            if (bound != null) {
                checks.forEach(check -> check.check(bound, errors));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-settings", "Invalid settings",
                    "The settings of " + extension.id() + " are invalid: " + String.join(", ", errors.keySet()),
                    Map.of("errors", errors));
        }
        repository.save(tenantId, extension.id(), new ExtensionSettingsRepository.StoredSettings(
                plain.toString(), secrets.isEmpty() ? null : cipher.encrypt(secrets.toString())));
        cache.invalidate(new Key(tenantId, extension.id()));
        return view(tenantId, extension);
    }

    /** The tenant's settings bound to the extension's record type, cached briefly. */
    public Bound bind(String tenantId, WahubExtension extension) {
        return cache.get(new Key(tenantId, extension.id()), key -> {
            var stored = repository.find(tenantId, extension.id());
            SettingsSchema schema = SettingsSchema.of(extension.settingsType());
            ObjectNode plain = stored.map(s -> readObject(s.settingsJson())).orElseGet(mapper::createObjectNode);
            ObjectNode secrets = stored.filter(s -> s.encryptedSecrets() != null)
                    .map(s -> readObject(cipher.decrypt(s.encryptedSecrets()))).orElseGet(mapper::createObjectNode);
            Map<String, String> errors = new TreeMap<>();
            Record bound = bindAndValidate(extension, schema, plain, secrets, errors);
            if (bound == null) {
                bound = bindLeniently(extension, schema, plain, secrets);
            }
            return new Bound(bound, stored.isPresent());
        });
    }

    private Record bindAndValidate(WahubExtension extension, SettingsSchema schema, ObjectNode plain,
                                   ObjectNode secrets, Map<String, String> errors) {
        ObjectNode merged = schema.defaults();
        merged.setAll(plain);
        merged.setAll(secrets);
        Record bound;
        try {
            bound = mapper.treeToValue(merged, extension.settingsType());
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "settings" : e.getPath().get(0).getFieldName();
            errors.put(field, "must be of type " + schema.json().at("/properties/" + field + "/type").asText());
            return null;
        } catch (JsonProcessingException e) {
            errors.put("settings", e.getOriginalMessage());
            return null;
        }
        for (ConstraintViolation<Record> violation : validator.validate(bound)) {
            errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return errors.isEmpty() ? bound : null;
    }

    /** Unconfigured or incomplete settings still bind (with nulls) so a connector can report what is missing. */
    private Record bindLeniently(WahubExtension extension, SettingsSchema schema, ObjectNode plain,
                                 ObjectNode secrets) {
        ObjectNode merged = schema.defaults();
        merged.setAll(plain);
        merged.setAll(secrets);
        try {
            return mapper.treeToValue(merged, extension.settingsType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings of " + extension.id() + " no longer bind", e);
        }
    }

    private ObjectNode readObject(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }
}
