package io.wahub.hub.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.EmptySqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ConcurrentLruCache;

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
 * Under load this takes most of the disk flushes off the path of the acknowledgements. A single statement can also
 * commit this way on its own ({@link #alone}): a feature API call's quota reservation, an event's write of a contact,
 * and the dispatch and delivery claims.
 */
@Component
public class RelaxedCommit {

    /** The hub's statements are constants: each is parsed and written out once (a cache of the newest). */
    private static final ConcurrentLruCache<String, Named> NAMED = new ConcurrentLruCache<>(256, Named::of);
    private static final ConcurrentLruCache<String, String> WRAPPED = new ConcurrentLruCache<>(256,
            RelaxedCommit::relaxed);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public RelaxedCommit(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Must run inside a transaction; applies to its commit only. */
    public void forThisTransaction() {
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
    }

    /**
     * Runs one statement returning rows as a transaction of its own that commits this way, in one round trip: the
     * statement carries the setting and PostgreSQL runs it as an implicit transaction, so the rows the statement locks
     * are held only while PostgreSQL runs it, neither across a round trip nor for a flush. Not inside a transaction.
     * The statement is one that returns rows (a query, or a data-modifying one with {@code RETURNING}), with no
     * {@code WITH} of its own that modifies data.
     *
     * @param sql    the statement, with {@code ?} parameters
     * @param values binds its parameters (without asking the driver for their types: that describes the statement)
     * @param rows   reads its rows
     */
    public <T> T alone(String sql, PreparedStatementSetter values, ResultSetExtractor<T> rows) {
        return run(WRAPPED.get(sql), values, rows);
    }

    /** {@link #alone}, with {@code :named} parameters (a list is bound as one value, as {@code ?} binds it). */
    public <T> T alone(String namedSql, SqlParameterSource parameters, ResultSetExtractor<T> rows) {
        Named named = NAMED.get(namedSql);
        return run(named.sent(), new ArgumentPreparedStatementSetter(
                NamedParameterUtils.buildValueArray(named.parsed(), parameters, null)), rows);
    }

    private <T> T run(String sent, PreparedStatementSetter values, ResultSetExtractor<T> rows) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A statement committed alone runs outside transactions");
        }
        return template.execute((ConnectionCallback<T>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sent)) {
                // prepared once per connection, as a named server-side statement, from the fifth call on
                values.setValues(statement);
                statement.execute();
                try (ResultSet resultSet = statement.getResultSet()) {
                    return rows.extractData(resultSet);
                }
            }
        });
    }

    /**
     * The statement, in one with the setting: the setting is a one-time filter of the rows the statement returns, so
     * PostgreSQL applies it before it reads the first of them, and the statement (a data-modifying one, in a
     * {@code WITH}) runs to its end whatever the filter. One statement, not the setting ahead of it as a second:
     * once the driver has made such a pair a named, described statement, it sends a Sync between the two when the
     * rows have no known size, which ends the implicit transaction there (the commit would wait for the disk after
     * all, in two more round trips).
     */
    private static String relaxed(String statement) {
        return "WITH wahub_statement AS (\n" + statement + "\n)\nSELECT * FROM wahub_statement"
                + " WHERE (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL";
    }

    /**
     * A statement with {@code :named} parameters as it is sent: with the setting, each parameter a {@code ?} (the
     * same whatever the values, as no list is written out), and where its values go.
     */
    private record Named(ParsedSql parsed, String sent) {

        static Named of(String namedSql) {
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
            return new Named(parsed, relaxed(NamedParameterUtils.substituteNamedParameters(parsed,
                    new EmptySqlParameterSource())));
        }
    }
}
