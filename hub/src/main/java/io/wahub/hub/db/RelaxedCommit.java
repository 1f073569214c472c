package io.wahub.hub.db;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets the current transaction commit without waiting for its write-ahead log to reach the disk (PostgreSQL's
 * {@code synchronous_commit = off}, for this transaction only). Only for work that is safe to redo: should
 * PostgreSQL itself crash, the last fraction of a second of such commits is lost as a whole (never half of one) and
 * the rows are as they were before. The next synchronous commit flushes everything before it as well.
 *
 * <p>Used where the hub processes what it has already stored durably: dispatching an event (lost, the event is
 * pending again and is dispatched again; its messages are queued again under the same idempotency keys) and
 * claiming messages (lost, a message is queued again and claimed again). The commits a promise hangs on stay
 * synchronous: a webhook's events before its acknowledgement, and a message's "sent" before it could be sent twice.
 * Under load this takes most of the disk flushes off the path of the acknowledgements.
 */
@Component
public class RelaxedCommit {

    private final JdbcClient jdbc;

    public RelaxedCommit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside a transaction; applies to its commit only. */
    public void forThisTransaction() {
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
    }
}
