package io.wahub.hub.feature.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The database role feature statements run as: {@value #NAME}, NOLOGIN, neither superuser nor BYPASSRLS, with rights
 * on the feature schemas only (granted by {@link FeatureSchemaMigrator}). The hub's own user switches to it per
 * transaction ({@code SET LOCAL ROLE}), so it must be a member of it. Roles belong to the PostgreSQL server, not to
 * one database: hubs on other databases of the same server share it (it holds no rights there but those they grant).
 */
final class FeatureRole {

    static final String NAME = "wahub_feature";

    private FeatureRole() {
    }

    /**
     * Creates the role if missing and makes the hub's user a member of it.
     *
     * @throws IllegalStateException when the hub's user may do neither, saying which grant an administrator must make
     */
    static void ensure(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String user = scalar(connection, "SELECT current_user");
            if (scalar(connection, "SELECT count(*) FROM pg_roles WHERE rolname = '" + NAME + "'").equals("0")) {
                create(connection, user);
            }
            String unsafe = scalar(connection, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '"
                    + NAME + "'");
            if (unsafe.equals("t") || unsafe.equals("true")) {
                throw new IllegalStateException("Role " + NAME + " is superuser or BYPASSRLS, so row-level security"
                        + " would not hold for feature stores: ALTER ROLE " + NAME + " NOSUPERUSER NOBYPASSRLS;");
            }
            if (!canSwitch(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("GRANT " + NAME + " TO CURRENT_USER");
                } catch (SQLException e) {
                    throw missingGrant(user, e);
                }
                if (!canSwitch(connection)) {
                    throw missingGrant(user, null);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the feature role " + NAME + ": " + e.getMessage(), e);
        }
    }

    private static void create(Connection connection, String user) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + NAME + " NOLOGIN NOSUPERUSER NOBYPASSRLS");
        } catch (SQLException e) {
            // 42710 duplicate_object, 23505: a hub on the same server created it at the same time
            if (!"42710".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw missingGrant(user, e);
            }
        }
    }

    private static boolean canSwitch(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL ROLE " + NAME);
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static IllegalStateException missingGrant(String user, SQLException cause) {
        return new IllegalStateException("Features with their own tables run their statements as the database role "
                + NAME + ", which the hub's database user '" + user + "' may not create or use"
                + (cause == null ? "" : " (" + cause.getMessage() + ")") + ". As a database administrator run: "
                + "CREATE ROLE " + NAME + " NOLOGIN; GRANT " + NAME + " TO \"" + user + "\";", cause);
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
