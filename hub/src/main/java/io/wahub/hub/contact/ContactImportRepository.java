package io.wahub.hub.contact;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * CSV imports: each one's progress, outcome and failed lines (a chunk's contacts are written by
 * {@link ContactBatchUpsert#upsert}). Every query is scoped by tenant.
 */
@Repository
public class ContactImportRepository {

    /** An import's progress; {@code status} is {@code running}, {@code done} or {@code failed} (see error). */
    public record Progress(UUID id, String status, long rowsRead, long created, long updated, long failed,
                           String error, Instant startedAt, Instant finishedAt) {
    }

    /** A line that was not imported (line numbers as in the file: the header is line 1). */
    public record Failure(long line, String message) {
    }

    /** Counts of one chunk's upsert. */
    public record Counts(int created, int updated) {
    }

    private final JdbcClient jdbc;

    public ContactImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void start(String tenantId, UUID id, Instant now) {
        jdbc.sql("""
                        INSERT INTO contact_import (tenant_id, id, status, started_at, progress_at)
                        VALUES (:tenant, :id, 'running', :now, :now)
                        """)
                .param("tenant", tenantId).param("id", id).param("now", Timestamp.from(now)).update();
    }

    /**
     * Adds a batch's figures and failed lines to a running import.
     *
     * @return false when the import is no longer running (given up as stale, see {@link #failStale}): nothing is
     *         added then, and its importer should stop
     */
    public boolean progress(String tenantId, UUID id, long rowsRead, Counts counts, List<Failure> failures,
                            Instant now) {
        int running = jdbc.sql("""
                        UPDATE contact_import SET rows_read = rows_read + :read, created = created + :created,
                               updated = updated + :updated, failed = failed + :failed, progress_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND status = 'running'
                        """)
                .param("tenant", tenantId).param("id", id).param("read", rowsRead)
                .param("created", counts.created()).param("updated", counts.updated())
                .param("failed", failures.size()).param("now", Timestamp.from(now)).update();
        if (running == 0) {
            return false;
        }
        if (!failures.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO contact_import_failure (tenant_id, import_id, line, message)
                            SELECT :tenant, :id, f.line, f.message
                            FROM unnest(:lines::bigint[], :messages::text[]) AS f(line, message)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("tenant", tenantId).param("id", id)
                    .param("lines", new SqlArrayValue("bigint", failures.stream().map(Failure::line).toArray()))
                    .param("messages", new SqlArrayValue("text", failures.stream().map(Failure::message).toArray()))
                    .update();
        }
        return true;
    }

    /** Ends a running import: {@code done}, or {@code failed} with the error. An import already ended stays so. */
    public void finish(String tenantId, UUID id, String error, Instant now) {
        jdbc.sql("""
                        UPDATE contact_import SET status = :status, error = :error, finished_at = :now,
                                                  progress_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND status = 'running'
                        """)
                .param("tenant", tenantId).param("id", id).param("status", error == null ? "done" : "failed")
                .param("error", error).param("now", Timestamp.from(now)).update();
    }

    /**
     * Marks the imports of this node that are still running as making progress now (a heartbeat), so that an import
     * waiting for its turn, or writing a slow chunk, is not taken for one left by a stopped node.
     */
    public void heartbeat(List<ImportRef> running, Instant now) {
        if (running.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE contact_import SET progress_at = :now
                        WHERE (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))
                          AND status = 'running'
                        """)
                .param("tenants", new SqlArrayValue("text", running.stream().map(ImportRef::tenantId).toArray()))
                .param("ids", new SqlArrayValue("uuid", running.stream().map(ImportRef::id).toArray()))
                .param("now", Timestamp.from(now)).update();
    }

    /** An import of a tenant. */
    public record ImportRef(String tenantId, UUID id) {
    }

    /**
     * Fails every running import, of any tenant, that made no progress since {@code cutoff}: the node running it
     * stopped (its spooled file went with it), so it would never finish. Safe to run on several nodes at once: each
     * import is failed once, by whichever statement gets its row first.
     *
     * @return the imports failed now
     */
    public List<ImportRef> failStale(Instant cutoff, String error, Instant now) {
        return jdbc.sql("""
                        UPDATE contact_import SET status = 'failed', error = :error, finished_at = :now
                        WHERE status = 'running' AND progress_at < :cutoff
                        RETURNING tenant_id, id
                        """)
                .param("cutoff", Timestamp.from(cutoff)).param("error", error).param("now", Timestamp.from(now))
                .query((rs, n) -> new ImportRef(rs.getString("tenant_id"), rs.getObject("id", UUID.class))).list();
    }

    public Optional<Progress> find(String tenantId, UUID id) {
        return jdbc.sql("SELECT * FROM contact_import WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id)
                .query((rs, n) -> {
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new Progress(rs.getObject("id", UUID.class), rs.getString("status"),
                            rs.getLong("rows_read"), rs.getLong("created"), rs.getLong("updated"),
                            rs.getLong("failed"), rs.getString("error"), rs.getTimestamp("started_at").toInstant(),
                            finished == null ? null : finished.toInstant());
                })
                .optional();
    }

    /** Failed lines after line {@code afterLine}, in line order. */
    public List<Failure> failures(String tenantId, UUID id, long afterLine, int limit) {
        return jdbc.sql("""
                        SELECT line, message FROM contact_import_failure
                        WHERE tenant_id = :tenant AND import_id = :id AND line > :after
                        ORDER BY line LIMIT :limit
                        """)
                .param("tenant", tenantId).param("id", id).param("after", afterLine).param("limit", limit)
                .query((rs, n) -> new Failure(rs.getLong("line"), rs.getString("message"))).list();
    }
}
