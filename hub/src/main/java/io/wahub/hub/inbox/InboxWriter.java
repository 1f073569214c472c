package io.wahub.hub.inbox;

import io.wahub.hub.runtime.GroupWriter;
import io.wahub.hub.runtime.WriterQueue;
import io.wahub.sdk.CanonicalEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores webhook events with group commit: concurrent requests hand their events to a few writer threads, which
 * insert everything waiting in one batched statement and one transaction, then release every waiting request.
 * Under load this turns thousands of small commits into a few large ones; with one request in flight it costs a
 * single round trip, as a direct insert would (a lone row is inserted as a statement of its own, with no transaction
 * around it). A request returns only after its events are committed.
 */
@Component
public class InboxWriter extends GroupWriter<InboxWriter.Pending> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final String INSERT = """
            INSERT INTO inbox_event (tenant_id, id, source, delivery_id, type, occurred_at, received_at, payload,
                                     next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (tenant_id, source, delivery_id) DO NOTHING
            """;

    record Row(CanonicalEvent event, UUID id, Instant receivedAt, Instant dueAt) {
    }

    record Pending(List<Row> rows, CompletableFuture<List<Optional<UUID>>> stored) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int maxBatch;

    public InboxWriter(JdbcTemplate jdbc, TransactionTemplate transactions,
                       @Value("${wahub.inbox.writers:2}") int writers,
                       @Value("${wahub.inbox.max-batch:500}") int maxBatch) {
        super("inbox-writer", writers, Integer.MAX_VALUE - 2048); // starts before, stops after, the web server
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.maxBatch = maxBatch;
    }

    /**
     * Stores the events (one webhook's worth) and waits for the commit.
     *
     * @return per event, its new id, or empty when an event with the same delivery id was already stored
     */
    public List<Optional<UUID>> store(List<CanonicalEvent> events, Instant receivedAt, Instant dueAt) {
        if (!taking()) {
            throw new IllegalStateException("the inbox is not accepting events (hub stopping)");
        }
        List<Row> rows = events.stream().map(e -> new Row(e, UUID.randomUUID(), receivedAt, dueAt)).toList();
        Pending pending = new Pending(rows, new CompletableFuture<>());
        queue.add(pending);
        return written(pending.stored(), "events");
    }

    /** Writes what is queued until the hub stops ({@link WriterQueue}: no timed wake while idle). */
    @Override
    protected void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.take();
                if (first == null) {
                    return;
                }
                batch.add(first);
                int rows = first.rows().size();
                while (rows < maxBatch) {
                    Pending next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    rows += next.rows().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Row> rows = batch.stream().flatMap(p -> p.rows().stream()).toList();
        try {
            store(batch, rows);
        } catch (Error fatal) {
            batch.forEach(pending -> pending.stored().completeExceptionally(fatal));
            throw fatal;
        }
    }

    private void store(List<Pending> batch, List<Row> rows) {
        try {
            // one row is one statement, atomic on its own: committed without a transaction, it saves the round trip
            // of a separate COMMIT (a small shop's webhooks mostly arrive one at a time)
            int[] counts = rows.size() == 1 ? insert(rows) : transactions.execute(status -> insert(rows));
            int i = 0;
            for (Pending pending : batch) {
                List<Optional<UUID>> result = new ArrayList<>();
                for (Row row : pending.rows()) {
                    result.add(counts[i++] == 1 ? Optional.of(row.id()) : Optional.empty());
                }
                pending.stored().complete(result);
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.getFirst().stored().completeExceptionally(batchFailure);
                return;
            }
            LOG.warn("Batch of {} webhooks failed ({}); storing them one by one", batch.size(),
                    batchFailure.toString());
            for (Pending pending : batch) {
                write(List.of(pending));
            }
        }
    }

    private int[] insert(List<Row> rows) {
        return jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Row row = rows.get(i);
                CanonicalEvent event = row.event();
                ps.setString(1, event.tenantId());
                ps.setObject(2, row.id());
                ps.setString(3, event.source());
                ps.setString(4, event.deliveryId());
                ps.setString(5, event.type());
                ps.setTimestamp(6, Timestamp.from(event.occurredAt()));
                ps.setTimestamp(7, Timestamp.from(row.receivedAt()));
                ps.setString(8, event.payload().toString());
                ps.setTimestamp(9, Timestamp.from(row.dueAt()));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }
}
