package io.wahub.hub.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wahub.hub.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ConcurrentLruCache;

/**
 * A tenant's templates ({@code message_template}), every query scoped by tenant. A template is unique per (name,
 * language). Status and quality changes from Meta carry the time Meta made them and are applied only when newer
 * than the last one applied (a status the hub set itself, on saving, has no time and yields to any of Meta's), so
 * a redelivered or late webhook changes nothing.
 *
 * <p>Templates looked up by name for messages and features ({@link #findByNameCached}) are cached per node for
 * {@link #BY_NAME_TTL}: every event that sends a template would read it otherwise. A change through this node applies
 * at once; another node sees it within that time (as it sees a feature switched on). What a cached template may get
 * wrong is harmless: the send policy reads a template's status afresh before each send.
 */
@Repository
public class TemplateRepository {

    private static final TypeReference<List<TemplateContent.Button>> BUTTONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> EXAMPLES = new TypeReference<>() {
    };

    /** The columns a template's content is read from, as stored. */
    private record Stored(String name, String language, String category, String header, String body, String footer,
                          String buttons, String examples, String authentication) {
    }

    /** A template's content read, and the variables it takes. */
    private record Read(TemplateContent content, List<String> variables) {
    }

    /** How long a node serves a template looked up by name before reading it again. */
    static final Duration BY_NAME_TTL = Duration.ofSeconds(5);

    /** A lookup by name: {@code language} null for every language. */
    private record NameKey(String tenantId, String name, String language) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final Cache<NameKey, List<MessageTemplate>> byName = Caffeine.newBuilder().expireAfterWrite(BY_NAME_TTL)
            .maximumSize(10_000).build();
    /**
     * Contents read back, by their columns as stored: every message that names a template reads it as it is queued
     * (three JSON documents parsed, the variables found in its texts), and a campaign step's thousands of messages
     * name the same one. A content is immutable and its columns say all of it; the newest 1,024 are kept.
     */
    private final ConcurrentLruCache<Stored, Read> contents = new ConcurrentLruCache<>(1024, this::read);

    public TemplateRepository(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public List<MessageTemplate> list(String tenantId) {
        return jdbc.sql("SELECT * FROM message_template WHERE tenant_id = :tenant ORDER BY name, language")
                .param("tenant", tenantId).query(this::map).list();
    }

    public Optional<MessageTemplate> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM message_template WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    /** The tenant's templates with this name: in {@code language}, or in every language when it is null. */
    public List<MessageTemplate> findByName(String tenantId, String name, String language) {
        return jdbc.sql("""
                        SELECT * FROM message_template
                        WHERE tenant_id = :tenant AND name = :name AND (CAST(:language AS text) IS NULL
                                                                       OR language = :language)
                        ORDER BY language
                        """)
                .param("tenant", tenantId).param("name", name).param("language", language)
                .query(this::map).list();
    }

    /**
     * As {@link #findByName}, cached for {@link #BY_NAME_TTL} (see the class comment): for messages and features, not
     * for a decision that must see the table as it is.
     */
    public List<MessageTemplate> findByNameCached(String tenantId, String name, String language) {
        return byName.get(new NameKey(tenantId, name, language), key -> findByName(tenantId, name, language));
    }

    /**
     * Stores a new template with {@code status}.
     *
     * @throws ProblemException 409 {@code template-exists} when the tenant has the name in that language
     */
    public MessageTemplate create(String tenantId, TemplateContent content, String status, Instant now) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            INSERT INTO message_template (tenant_id, id, name, language, category, header, body, footer,
                                                          buttons, examples, authentication, status, created_at,
                                                          updated_at)
                            VALUES (:tenant, :id, :name, :language, :category, :header, :body, :footer,
                                    :buttons::jsonb, :examples::jsonb, :authentication::jsonb, :status, :now, :now)
                            """)
                    .params(contentParams(tenantId, id, content, now)).param("status", status).update();
        } catch (DuplicateKeyException e) {
            throw exists(content);
        }
        forget(tenantId);
        return find(tenantId, id).orElseThrow();
    }

    /**
     * Replaces a template's content and sets its status (with no reason and no time: Meta's next word wins).
     *
     * @return the template, or empty when the tenant has none with this id
     */
    public Optional<MessageTemplate> update(String tenantId, UUID id, TemplateContent content, String status,
                                            Instant now) {
        try {
            int updated = jdbc.sql("""
                            UPDATE message_template
                            SET name = :name, language = :language, category = :category, header = :header,
                                body = :body, footer = :footer, buttons = :buttons::jsonb,
                                examples = :examples::jsonb, authentication = :authentication::jsonb,
                                status = :status, status_reason = NULL, status_changed_at = NULL, updated_at = :now
                            WHERE tenant_id = :tenant AND id = :id
                            """)
                    .params(contentParams(tenantId, id, content, now)).param("status", status).update();
            forget(tenantId);
            return updated == 0 ? Optional.empty() : find(tenantId, id);
        } catch (DuplicateKeyException e) {
            throw exists(content);
        }
    }

    public boolean delete(String tenantId, UUID id) {
        boolean deleted = jdbc.sql("DELETE FROM message_template WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).update() > 0;
        forget(tenantId);
        return deleted;
    }

    /** Sets a status by hand (the sandbox's), with no time: Meta's next word wins. */
    public Optional<MessageTemplate> setStatus(String tenantId, UUID id, String status, String reason, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE message_template SET status = :status, status_reason = :reason,
                               status_changed_at = NULL, updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenantId).param("id", id).param("status", status).param("reason", reason)
                .param("now", Timestamp.from(now)).update();
        forget(tenantId);
        return updated == 0 ? Optional.empty() : find(tenantId, id);
    }

    /**
     * Applies a status change Meta made at {@code at} to the tenant's template with this name and language, unless
     * a change at least as new is applied already.
     *
     * @return whether the tenant has such a template (applied or not)
     */
    public boolean applyStatus(String tenantId, String name, String language, String status, String reason,
                               String metaTemplateId, Instant at) {
        return apply(tenantId, name, language, """
                UPDATE message_template
                SET status = CASE WHEN status_changed_at IS NULL OR status_changed_at <= :at THEN :value
                                  ELSE status END,
                    status_reason = CASE WHEN status_changed_at IS NULL OR status_changed_at <= :at THEN :reason
                                         ELSE status_reason END,
                    status_changed_at = GREATEST(status_changed_at, :at),
                    meta_template_id = COALESCE(:meta, meta_template_id), updated_at = now()
                WHERE tenant_id = :tenant AND name = :name AND language = :language
                """, status, reason, metaTemplateId, at);
    }

    /** As {@link #applyStatus}, for a quality rating. */
    public boolean applyQuality(String tenantId, String name, String language, String quality,
                                String metaTemplateId, Instant at) {
        return apply(tenantId, name, language, """
                UPDATE message_template
                SET quality = CASE WHEN quality_changed_at IS NULL OR quality_changed_at <= :at THEN :value
                                   ELSE quality END,
                    quality_changed_at = GREATEST(quality_changed_at, :at),
                    meta_template_id = COALESCE(:meta, meta_template_id), updated_at = now()
                WHERE tenant_id = :tenant AND name = :name AND language = :language
                """, quality, null, metaTemplateId, at);
    }

    private boolean apply(String tenantId, String name, String language, String sql, String value, String reason,
                          String metaTemplateId, Instant at) {
        boolean found = jdbc.sql(sql).param("tenant", tenantId).param("name", name).param("language", language)
                .param("value", value).param("reason", reason).param("meta", metaTemplateId)
                .param("at", Timestamp.from(at)).update() > 0;
        forget(tenantId);
        return found;
    }

    /**
     * Drops the tenant's cached lookups by name, at once and again after the current transaction commits (so a lookup
     * racing the commit cannot keep the old template).
     */
    private void forget(String tenantId) {
        Runnable drop = () -> byName.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId));
        drop.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drop.run();
                }
            });
        }
    }

    private Map<String, Object> contentParams(String tenantId, UUID id, TemplateContent content, Instant now) {
        var params = new java.util.HashMap<String, Object>();
        params.put("tenant", tenantId);
        params.put("id", id);
        params.put("name", content.name());
        params.put("language", content.language());
        params.put("category", content.category());
        params.put("header", content.header());
        params.put("body", content.body());
        params.put("footer", content.footer());
        params.put("buttons", json(content.buttons()));
        params.put("examples", json(content.examples()));
        params.put("authentication", content.authentication() == null ? null : json(content.authentication()));
        params.put("now", Timestamp.from(now));
        return params;
    }

    private static ProblemException exists(TemplateContent content) {
        return new ProblemException(409, "template-exists", "Template exists", "A template named '"
                + content.name() + "' in language '" + content.language() + "' exists already.");
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageTemplate map(ResultSet rs, int row) throws SQLException {
        Read read = contents.get(new Stored(rs.getString("name"), rs.getString("language"), rs.getString("category"),
                rs.getString("header"), rs.getString("body"), rs.getString("footer"), rs.getString("buttons"),
                rs.getString("examples"), rs.getString("authentication")));
        String status = rs.getString("status");
        return new MessageTemplate(rs.getObject("id", UUID.class), read.content(), read.variables(), status,
                rs.getString("status_reason"), rs.getString("quality"), rs.getString("meta_template_id"),
                MessageTemplate.sendable(status), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private Read read(Stored stored) {
        try {
            TemplateContent content = new TemplateContent(stored.name(), stored.language(), stored.category(),
                    stored.header(), stored.body(), stored.footer(),
                    unmodifiable(mapper.readValue(stored.buttons(), BUTTONS)),
                    unmodifiable(mapper.readValue(stored.examples(), EXAMPLES)),
                    stored.authentication() == null ? null
                            : mapper.readValue(stored.authentication(), TemplateContent.Authentication.class));
            return new Read(content, List.copyOf(content.variables()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored template content is not JSON", e);
        }
    }

    private static <T> List<T> unmodifiable(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(list);
    }

    private static <K, V> Map<K, V> unmodifiable(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(map);
    }
}
