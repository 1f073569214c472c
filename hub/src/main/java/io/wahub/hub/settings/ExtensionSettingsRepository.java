package io.wahub.hub.settings;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored settings of a connector or feature for one tenant: plain values as JSON, secrets encrypted. */
@Repository
public class ExtensionSettingsRepository {

    /** One row: the non-secret values as JSON text, and the encrypted JSON of the secret values (or null). */
    public record StoredSettings(String settingsJson, String encryptedSecrets) {
    }

    private final JdbcClient jdbc;

    public ExtensionSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredSettings> find(String tenantId, String extensionId) {
        return jdbc.sql("""
                        SELECT settings::text AS settings, secrets FROM extension_settings
                        WHERE tenant_id = :tenant AND extension_id = :extension
                        """)
                .param("tenant", tenantId).param("extension", extensionId)
                .query((rs, n) -> new StoredSettings(rs.getString("settings"), rs.getString("secrets")))
                .optional();
    }

    public void save(String tenantId, String extensionId, StoredSettings settings) {
        jdbc.sql("""
                        INSERT INTO extension_settings (tenant_id, extension_id, settings, secrets, updated_at)
                        VALUES (:tenant, :extension, :settings::jsonb, :secrets, now())
                        ON CONFLICT (tenant_id, extension_id)
                        DO UPDATE SET settings = EXCLUDED.settings, secrets = EXCLUDED.secrets, updated_at = now()
                        """)
                .param("tenant", tenantId).param("extension", extensionId)
                .param("settings", settings.settingsJson()).param("secrets", settings.encryptedSecrets())
                .update();
    }
}
