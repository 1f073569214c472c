package io.wahub.hub.feature.state;

import io.wahub.sdk.FeatureStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A {@link FeatureStore} of one feature for one tenant. Every transaction (one per statement outside
 * {@link #transaction}) first switches to {@link FeatureRole#NAME} and sets the tenant and the feature's schema, all
 * {@code LOCAL} to the transaction and in one statement, so the pooled connection is the hub's own again once it
 * ends:
 * <pre>
 * SELECT set_config('role', 'wahub_feature', true), set_config('wahub.tenant_id', :tenant, true),
 *        set_config('search_path', :schema, true), set_config('synchronous_commit', :commit, true);
 * </pre>
 * A store with deferred durability commits with {@code synchronous_commit = off}: the commit does not wait for the
 * disk, and its locks (a counter row, say) are released at once instead of after a flush. Only for work the hub
 * follows with a synchronous commit before it answers (an API call that writes: its audit entry), which flushes these
 * commits too; should PostgreSQL crash before that, the call was never answered. Statements that would change the
 * session's role or settings are refused before they reach the database.
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
        return transaction(store -> store.query(sql, params));
    }

    @Override
    public int update(String sql, Map<String, ?> params) {
        return transaction(store -> store.update(sql, params));
    }

    @Override
    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                enter(connection);
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

    private void enter(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT set_config('role', '" + FeatureRole.NAME
                + "', true), set_config('wahub.tenant_id', ?, true), set_config('search_path', ?, true),"
                + " set_config('synchronous_commit', ?, true)")) {
            statement.setString(1, tenantId);
            statement.setString(2, schema);
            statement.setString(3, deferredDurability ? "off" : "on");
            statement.execute();
        }
    }

    /** The statements of one open transaction, on its connection. */
    private final class InTransaction implements FeatureStore {

        private final JdbcClient jdbc;

        InTransaction(Connection connection) {
            this.jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        }

        @Override
        public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
            try {
                return jdbc.sql(checked(sql)).params(bound(params)).query().listOfRows().stream()
                        .map(JdbcFeatureStore::readable).toList();
            } catch (DataAccessException e) {
                throw failed(e);
            }
        }

        @Override
        public int update(String sql, Map<String, ?> params) {
            try {
                return jdbc.sql(checked(sql)).params(bound(params)).update();
            } catch (DataAccessException e) {
                throw failed(e);
            }
        }

        @Override
        public <T> T transaction(Work<T> work) {
            return work.run(this);
        }
    }

    private static String checked(String sql) {
        if (SESSION_CHANGE.matcher(sql).find()) {
            throw new IllegalArgumentException("A feature store runs no statement that changes the session (SET, "
                    + "RESET, set_config, SET ROLE): " + sql);
        }
        return sql;
    }

    private Map<String, Object> bound(Map<String, ?> params) {
        Map<String, Object> bound = new HashMap<>();
        if (params != null) {
            params.forEach((name, value) -> bound.put(name, value instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value));
        }
        bound.put(TENANT_PARAMETER, tenantId);
        return bound;
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

    private static IllegalStateException failed(DataAccessException e) {
        return new IllegalStateException(e.getMostSpecificCause().getMessage(), e);
    }
}
