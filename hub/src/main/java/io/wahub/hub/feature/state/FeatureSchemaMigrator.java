package io.wahub.hub.feature.state;

import io.wahub.hub.db.SqlIdentifier;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Runs a feature's own migrations and locks its schema down to one tenant per transaction.
 *
 * <ol>
 * <li>Flyway runs the plugin's {@code db/feature/} migrations (from the plugin's class loader) into schema
 * {@code feature_<id>}, with its history table in that schema, so each feature has its own.</li>
 * <li>Every relation of the schema is checked: tables only (a view would read as its owner, past row-level security),
 * each with a column {@code tenant_id text not null}. Anything else refuses the feature, naming the table.</li>
 * <li>Each table gets row-level security, enabled and forced, with the policy {@value #POLICY}: a row is visible and
 * writable only when its {@code tenant_id} is the transaction's {@code wahub.tenant_id} setting (none set: no
 * rows).</li>
 * <li>{@link FeatureRole#NAME} gets usage of the schema and read/write on its tables and sequences, none on the
 * history table. It has no rights on the hub's tables.</li>
 * </ol>
 * Running it again (every start, every hub node) applies only new migrations and re-applies policies and grants.
 */
final class FeatureSchemaMigrator {

    static final String MIGRATIONS = "db/feature";
    static final String POLICY = "wahub_tenant_rows";
    static final String HISTORY = "flyway_schema_history";
    private static final Pattern FEATURE_ID = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");

    private FeatureSchemaMigrator() {
    }

    /** The schema of feature {@code featureId}: {@code feature_} and the id with {@code -} as {@code _}. */
    static String schemaOf(String featureId) {
        if (!FEATURE_ID.matcher(featureId).matches()) {
            throw new IllegalStateException("Feature id '" + featureId + "' cannot name a schema: use kebab-case");
        }
        return "feature_" + featureId.replace('-', '_');
    }

    /** Whether {@code loader} (a plugin's) holds migrations itself, not through its parent (the hub's). */
    static boolean hasMigrations(ClassLoader loader) {
        return loader instanceof URLClassLoader own && own.findResource(MIGRATIONS) != null;
    }

    /**
     * Migrates and secures the feature's schema.
     *
     * @return the schema
     * @throws IllegalStateException naming the table (not the feature), when the schema breaks the rules above;
     *                               Flyway's exception when a migration fails
     */
    static String migrate(DataSource dataSource, String featureId, ClassLoader loader) {
        String schema = schemaOf(featureId);
        Flyway.configure(loader).dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:" + MIGRATIONS).table(HISTORY).failOnMissingLocations(true)
                .load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                secure(connection, schema);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not secure schema " + schema + " of feature '" + featureId
                    + "': " + e.getMessage(), e);
        }
        return schema;
    }

    private static void secure(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement relations = connection.prepareStatement("""
                SELECT c.relname, c.relkind::text,
                       EXISTS (SELECT 1 FROM pg_attribute a
                               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                                 AND a.attnotnull AND a.atttypid = 'text'::regtype) AS tenant_column
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> ?
                ORDER BY c.relname
                """)) {
            relations.setString(1, schema);
            relations.setString(2, HISTORY);
            try (ResultSet rows = relations.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String kind = rows.getString(2);
                    if (!kind.equals("r") && !kind.equals("p")) {
                        throw new IllegalStateException(schema + "." + name + " is a " + kindName(kind)
                                + "; a feature's schema may hold tables only (row-level security does not hold "
                                + "through views)");
                    }
                    if (!rows.getBoolean(3)) {
                        throw new IllegalStateException("table " + schema + "." + name + " has no column "
                                + "tenant_id text not null, which every table of a feature needs (row-level "
                                + "security keeps each tenant to its rows by it)");
                    }
                    tables.add(name);
                }
            }
        }
        String role = FeatureRole.NAME;
        try (Statement statement = connection.createStatement()) {
            for (String name : tables) {
                String table = schema + "." + SqlIdentifier.quote(name);
                statement.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
                statement.execute("ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY");
                statement.execute("DROP POLICY IF EXISTS " + POLICY + " ON " + table);
                statement.execute("CREATE POLICY " + POLICY + " ON " + table
                        + " USING (tenant_id = current_setting('wahub.tenant_id', true))"
                        + " WITH CHECK (tenant_id = current_setting('wahub.tenant_id', true))");
            }
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            statement.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
            statement.execute("REVOKE ALL ON " + schema + "." + HISTORY + " FROM " + role);
        }
    }

    private static String kindName(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "m" -> "materialized view";
            default -> "foreign table";
        };
    }
}
