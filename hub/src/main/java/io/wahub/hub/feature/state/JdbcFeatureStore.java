package io.wahub.hub.feature.state;

import io.wahub.sdk.FeatureStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.util.ConcurrentLruCache;

/**
 * A {@link FeatureStore} of one feature for one tenant. Every transaction (one per statement outside
 * {@link #transaction}) first switches to {@link FeatureRole#NAME} and sets the tenant and the feature's schema, all
 * {@code LOCAL} to the transaction and in one statement, so the pooled connection is the hub's own again once it ends:
 * <pre>
 * SELECT set_config('role', 'wahub_feature', true), set_config('wahub.tenant_id', :tenant, true),
 *        set_config('search_path', :schema, true), set_config('synchronous_commit', :commit, true);
 * </pre>
 * A store with deferred durability commits with {@code synchronous_commit = off}: the commit does not wait for the
 * disk, and its locks (a counter row, say) are released at once instead of after a flush. Only for work the hub
 * follows with a synchronous commit before it answers (an API call that writes: its audit entry), which flushes these
 * commits too; should PostgreSQL crash before that, the call was never answered. Statements that would change the
 * session's role or settings are refused before they reach the database. The settings go out with a transaction's
 * first statement, in its round trip ({@link #entering}).
 */
final class JdbcFeatureStore implements FeatureStore {

    /**
     * A statement starting with {@code SET}, any {@code RESET}, {@code SET [LOCAL|SESSION] ROLE} anywhere (a column
     * {@code SET role = …} is fine), {@code SESSION AUTHORIZATION}, {@code set_config(…)}. A guard against mistakes,
     * not a sandbox: plugins are trusted code running inside the hub.
     */
    private static final Pattern SESSION_CHANGE = Pattern.compile("(?is)(^|;)\\s*set\\b|\\breset\\b"
            + "|\\bset\\s+((local|session)\\s+)?role\\b(?!\\s*=)|\\bset_config\\s*\\(|\\bsession\\s+authorization\\b");
    static final String TENANT_PARAMETER = "tenant_id";
    private static final String SCHEMA_PARAMETER = "wahub__schema";
    private static final String COMMIT_PARAMETER = "wahub__commit";
    /** The settings every transaction starts with (see above), ahead of its first statement ({@link #entering}). */
    private static final String SETTINGS = "SELECT set_config('role', '" + FeatureRole.NAME + "', true),"
            + " set_config('wahub.tenant_id', :" + TENANT_PARAMETER + ", true), set_config('search_path', :"
            + SCHEMA_PARAMETER + ", true), set_config('synchronous_commit', :" + COMMIT_PARAMETER + ", true)";
    /** Plugins' statements are constants: each is checked and parsed once (a cache per JVM, of the newest). */
    private static final ConcurrentLruCache<String, String> CHECKED = new ConcurrentLruCache<>(1024,
            JdbcFeatureStore::check);
    private static final ConcurrentLruCache<String, ParsedSql> ENTERING = new ConcurrentLruCache<>(1024,
            sql -> NamedParameterUtils.parseSqlStatement(SETTINGS + ";\n" + checked(sql)));
    private static final ConcurrentLruCache<String, ParsedSql> PARSED = new ConcurrentLruCache<>(1024,
            sql -> NamedParameterUtils.parseSqlStatement(checked(sql)));
    private static final ColumnMapRowMapper ROWS = new ColumnMapRowMapper();

    private final DataSource dataSource;
    private final String tenantId;
    private final String schema;
    private final boolean deferredDurability;

    JdbcFeatureStore(DataSource dataSource, String tenantId, String schema, boolean deferredDurability) {
        this.dataSource = dataSource;
        this.tenantId = tenantId;
        this.schema = schema;
        this.deferredDurability = deferredDurability;
    }

    @Override
    public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
        return alone(sql, params, rows(sql));
    }

    @Override
    public int update(String sql, Map<String, ?> params) {
        return alone(sql, params, count(sql));
    }

    /** One statement in a transaction of its own ({@link #entering}, on a connection of its own). */
    private <T> T alone(String sql, Map<String, ?> params, Result<T> result) {
        try (Connection connection = dataSource.getConnection()) {
            return entering(connection, sql, params, result);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Result<List<Map<String, Object>>> rows(String sql) {
        return statement -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet resultSet = statement.getResultSet()) {
                if (resultSet == null) {
                    throw new IllegalStateException("Not a query (it returns no rows): " + sql);
                }
                while (resultSet.next()) {
                    rows.add(readable(ROWS.mapRow(resultSet, rows.size())));
                }
            }
            return rows;
        };
    }

    private static Result<Integer> count(String sql) {
        return statement -> {
            int count = statement.getUpdateCount();
            if (count < 0) {
                throw new IllegalStateException("Not an insert, update or delete (it returns rows; use query): "
                        + sql);
            }
            return count;
        };
    }

    /**
     * A transaction's first statement, in one round trip with the settings ahead of it: outside {@link #transaction}
     * PostgreSQL runs the two as one implicit transaction that commits (or rolls back as a whole) when they are done,
     * so that rows it locks (a shared counter, say) are held while PostgreSQL runs it, never across a round trip to
     * the hub (in an explicit transaction the commit is one round trip more); inside one, the settings cost no round
     * trip of their own.
     */
    private <T> T entering(Connection connection, String sql, Map<String, ?> params, Result<T> result)
            throws SQLException {
        StoreStatement bound = bind(ENTERING.get(sql), params);
        try (PreparedStatement statement = bound.prepare(connection)) {
            // not a named server-side statement when it binds a value of no known type (a null; a string, should the
            // connection send strings untyped): the driver describes a named one that does, and then sends a Sync
            // ahead of a part returning rows of no known size, which ends the implicit transaction between the
            // settings and the statement (run again, the statement is parsed anew for the hub's search path and
            // role). Of known types only, it is never described, and is prepared once per connection.
            if (!bound.typed() || !connection.unwrap(BaseConnection.class).getStringVarcharFlag()) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            statement.execute();
            statement.getMoreResults();
            return result.read(statement);
        }
    }

    /** {@code parsed} with {@code params}, the tenant and the settings' values. */
    private StoreStatement bind(ParsedSql parsed, Map<String, ?> params) {
        return StoreStatement.of(parsed, new MapSqlParameterSource(bound(params)).addValue(SCHEMA_PARAMETER, schema)
                .addValue(COMMIT_PARAMETER, deferredDurability ? "off" : "on"));
    }

    @FunctionalInterface
    private interface Result<T> {
        T read(PreparedStatement statement) throws SQLException;
    }

    @Override
    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // the settings go out with the first statement; a work that runs none commits nothing
                T result = work.run(new InTransaction(connection));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Feature store of schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** The statements of one open transaction, on its connection; the first also enters it (the settings). */
    private final class InTransaction implements FeatureStore {

        private final Connection connection;
        private boolean entered;

        InTransaction(Connection connection) {
            this.connection = connection;
        }

        @Override
        public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
            return run(sql, params, rows(sql));
        }

        @Override
        public int update(String sql, Map<String, ?> params) {
            return run(sql, params, count(sql));
        }

        private <T> T run(String sql, Map<String, ?> params, Result<T> result) {
            try {
                if (!entered) {
                    T read = entering(connection, sql, params, result);
                    entered = true;
                    return read;
                }
                try (PreparedStatement statement = bind(PARSED.get(sql), params).prepare(connection)) {
                    statement.execute();
                    return result.read(statement);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public <T> T transaction(Work<T> work) {
            return work.run(this);
        }
    }

    /** {@code sql} when it changes no session setting; the verdict on the last statements is kept. */
    private static String checked(String sql) {
        return CHECKED.get(sql);
    }

    private static String check(String sql) {
        if (SESSION_CHANGE.matcher(sql).find()) {
            throw new IllegalArgumentException("A feature store runs no statement that changes the session (SET, "
                    + "RESET, set_config, SET ROLE): " + sql);
        }
        return sql;
    }

    private Map<String, Object> bound(Map<String, ?> params) {
        Map<String, Object> bound = new HashMap<>();
        if (params != null) {
            params.forEach((name, value) -> bound.put(name, value instanceof List<?> list
                    ? list.stream().map(item -> item instanceof Object[] row
                            ? java.util.Arrays.stream(row).map(JdbcFeatureStore::bindable).toArray()
                            : bindable(item)).toList()
                    : bindable(value)));
        }
        bound.put(TENANT_PARAMETER, tenantId);
        return bound;
    }

    private static Object bindable(Object value) {
        return value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
    }

    private static Map<String, Object> readable(Map<String, Object> row) {
        Map<String, Object> readable = new LinkedHashMap<>();
        row.forEach((column, value) -> readable.put(column, switch (value) {
            case Timestamp timestamp -> timestamp.toInstant();
            case Date date -> date.toLocalDate();
            case PGobject object -> object.getValue();
            case null, default -> value;
        }));
        return readable;
    }
}
