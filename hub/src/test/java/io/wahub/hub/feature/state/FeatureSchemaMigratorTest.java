package io.wahub.hub.feature.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wahub.hub.db.TestPostgres;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A feature's own migrations and its store, against PostgreSQL (the server of {@code WAHUB_TEST_DB_URL}, else an
 * embedded one), as the hub's superuser would run them; each test has a feature (and schema) of its own.
 */
class FeatureSchemaMigratorTest {

    private static final String NOTES = """
            CREATE TABLE notes (tenant_id text NOT NULL, id int PRIMARY KEY, text text NOT NULL);
            """;

    /** Who a statement runs as, and how many notes it sees (all but those with the given text). */
    private static final String WHO_SEES = "SELECT current_user AS role, current_setting('wahub.tenant_id') AS tenant,"
            + " count(*) AS notes FROM notes WHERE text <> :text";
    private static final Map<String, Object> T2_SEES_NONE = Map.of("role", FeatureRole.NAME, "tenant", "t2",
            "notes", 0L);

    private static TestPostgres postgres;
    private static DataSource dataSource;

    @TempDir
    Path plugin;
    private final String featureId = "t-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final String schema = FeatureSchemaMigrator.schemaOf(featureId);

    @BeforeAll
    static void database() throws IOException {
        postgres = TestPostgres.start();
        dataSource = postgres.dataSource();
        FeatureRole.ensure(dataSource);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void tableWithoutTenantId_refusesTheFeature_namingTheTable() throws IOException {
        ClassLoader loader = plugin(Map.of("V1__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);"));

        assertThatThrownBy(() -> FeatureSchemaMigrator.migrate(dataSource, featureId, loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("table " + schema + ".orders has no column "
                        + "tenant_id text not null, which every table of a feature needs (row-level security keeps "
                        + "each tenant to its rows by it)");
    }

    @Test
    void nullableTenantId_refusesTheFeature() throws IOException {
        ClassLoader loader = plugin(Map.of("V1__orders.sql", "CREATE TABLE orders (tenant_id text, id int);"));

        assertThatThrownBy(() -> FeatureSchemaMigrator.migrate(dataSource, featureId, loader))
                .hasMessageContaining("table " + schema + ".orders has no column tenant_id text not null");
    }

    @Test
    void view_refusesTheFeature() throws IOException {
        ClassLoader loader = plugin(Map.of("V1__notes.sql", NOTES + "CREATE VIEW all_notes AS SELECT * FROM notes;"));

        assertThatThrownBy(() -> FeatureSchemaMigrator.migrate(dataSource, featureId, loader))
                .hasMessage(schema + ".all_notes is a view; a "
                        + "feature's schema may hold tables only (row-level security does not hold through views)");
    }

    @Test
    void rowsSurviveAnUpgrade_whoseNewMigrationAddsAColumn() throws IOException {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));
        store("t1").update("INSERT INTO notes (tenant_id, id, text) VALUES (:tenant_id, 1, 'kept')", Map.of());

        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES,
                "V2__note_pins.sql", "ALTER TABLE notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;")));

        assertThat(store("t1").query("SELECT id, text, pinned FROM notes", Map.of()))
                .containsExactly(Map.of("id", 1, "text", "kept", "pinned", false));
    }

    @Test
    void transaction_rollsBackEveryStatement_whenItsWorkThrows() throws IOException {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));
        JdbcFeatureStore store = store("t1");

        assertThatThrownBy(() -> store.transaction(tx -> {
            tx.update("INSERT INTO notes (tenant_id, id, text) VALUES (:tenant_id, 1, 'one')", Map.of());
            throw new IllegalArgumentException("changed my mind");
        })).hasMessage("changed my mind");
        int inserted = store.transaction(tx -> tx.update("INSERT INTO notes (tenant_id, id, text) "
                + "VALUES (:tenant_id, 2, 'two')", Map.of()) + tx.update("UPDATE notes SET text = :text",
                Map.of("text", "TWO")));

        assertThat(inserted).isEqualTo(2);
        assertThat(store.query("SELECT id, text FROM notes", Map.of())).containsExactly(Map.of("id", 2, "text",
                "TWO"));
    }

    @Test
    void transaction_runsAsItsTenantFromItsFirstStatement_andLeavesTheConnectionAsItWas() throws Exception {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));
        store("t1").update("INSERT INTO notes (tenant_id, id, text) VALUES (:tenant_id, 1, 'mine')", Map.of());

        try (Connection connection = dataSource.getConnection()) {
            String hubUser = single(connection, "SELECT current_user");
            String hubPath = single(connection, "SELECT current_setting('search_path')");
            // the store takes this one connection each time, as it would a pooled one
            JdbcFeatureStore other = new JdbcFeatureStore(new SingleConnectionDataSource(connection, true), "t2",
                    schema, false);
            List<Map<String, Object>> seen = other.transaction(tx -> tx.query("SELECT * FROM notes", Map.of()));
            int changed = other.transaction(tx -> tx.update("INSERT INTO notes (tenant_id, id, text) "
                    + "VALUES (:tenant_id, 2, 'theirs')", Map.of()) + tx.update("UPDATE notes SET text = 'taken'",
                    Map.of()));
            String role = other.transaction(tx -> (String) tx.query("SELECT current_user AS u", Map.of()).getFirst()
                    .get("u"));

            assertThat(seen).isEmpty();
            assertThat(changed).as("its own row inserted, then updated alone").isEqualTo(2);
            assertThat(role).isEqualTo(FeatureRole.NAME);
            assertThat(single(connection, "SELECT current_user")).isEqualTo(hubUser);
            assertThat(single(connection, "SELECT current_setting('search_path')")).isEqualTo(hubPath);
            assertThat(single(connection, "SELECT current_setting('wahub.tenant_id', true)")).isNullOrEmpty();
        }
        assertThat(store("t1").query("SELECT id, text FROM notes", Map.of()))
                .containsExactly(Map.of("id", 1, "text", "mine"));
    }

    /**
     * A statement outside a transaction and the settings ahead of it are one implicit transaction however often it
     * runs on a connection: were the driver to send a Sync between them (it does so ahead of a described statement
     * returning rows of unbounded size; see RelaxedCommit), the statement would run as the hub, for every tenant.
     */
    @Test
    void statementAlone_runsAsItsTenant_onEveryCallOnOneConnection() throws Exception {
        notesOfT1();

        try (Connection connection = dataSource.getConnection()) {
            JdbcFeatureStore other = t2On(connection);
            for (int call = 0; call < 12; call++) {
                Map<String, Object> seen = other.query(WHO_SEES.replace("<> :text", "IS DISTINCT FROM :text"),
                        java.util.Collections.singletonMap("text", call % 2 == 0 ? null : "other")).getFirst();

                assertThat(seen).as("call %d", call).isEqualTo(T2_SEES_NONE);
            }
        }
    }

    /**
     * Bound to values of known types only, the settings and the statement are named server-side statements from
     * their fifth run on a connection (parsed and planned once), and the driver never separates the two.
     */
    @Test
    void statementOfTypedValues_isPreparedOnce_andRunsAsItsTenant_onEveryCallOnOneConnection() throws Exception {
        notesOfT1();

        try (Connection connection = dataSource.getConnection()) {
            JdbcFeatureStore other = t2On(connection);
            for (int call = 0; call < 12; call++) {
                Map<String, String> text = Map.of("text", "call " + call);
                Map<String, Object> alone = other.query(WHO_SEES, text).getFirst();
                Map<String, Object> first = other.transaction(tx -> tx.query("SELECT current_user AS role,"
                        + " current_setting('wahub.tenant_id') AS tenant, (SELECT count(*) FROM notes"
                        + " WHERE text <> :text) AS notes", text).getFirst());

                assertThat(List.of(alone, first)).as("call %d", call).containsOnly(T2_SEES_NONE);
            }
            assertThat(single(connection, "SELECT count(*) FROM pg_prepared_statements"
                    + " WHERE statement LIKE '%FROM notes WHERE text <> $1%'")).isEqualTo("2");
        }
    }

    /** A connection that sends strings untyped ({@code stringtype=unspecified}) has its statements described: unnamed. */
    @Test
    void statementOnAConnectionSendingStringsUntyped_runsAsItsTenant_onEveryCall() throws Exception {
        notesOfT1();
        PGSimpleDataSource untyped = new PGSimpleDataSource();
        try (Connection connection = dataSource.getConnection()) {
            untyped.setUrl(connection.getMetaData().getURL());
            untyped.setUser(connection.getMetaData().getUserName());
        }
        untyped.setStringType("unspecified");

        try (Connection connection = untyped.getConnection()) {
            JdbcFeatureStore other = t2On(connection);
            for (int call = 0; call < 12; call++) {
                assertThat(other.query(WHO_SEES, Map.of("text", "call " + call)).getFirst()).as("call %d", call)
                        .isEqualTo(T2_SEES_NONE);
            }
        }
    }

    @Test
    void rowOfAnotherTenant_isRefused_andOtherTenantsRowsAreNeitherSeenNorChanged() throws IOException {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));
        store("t1").update("INSERT INTO notes (tenant_id, id, text) VALUES (:tenant_id, 1, 'mine')", Map.of());

        assertThatThrownBy(() -> store("t2").update("INSERT INTO notes (tenant_id, id, text) "
                + "VALUES ('t1', 2, 'forged')", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("new row violates row-level security policy for table \"notes\"");
        assertThat(store("t2").update("UPDATE notes SET text = 'taken'", Map.of())).isZero();
        assertThat(store("t2").update("DELETE FROM notes", Map.of())).isZero();
        assertThat(store("t2").query("SELECT * FROM notes", Map.of())).isEmpty();
        assertThat(store("t1").query("SELECT text FROM notes", Map.of())).containsExactly(Map.of("text", "mine"));
    }

    @Test
    void statementsThatChangeTheSession_areRefused_beforeTheDatabase() throws IOException {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));
        JdbcFeatureStore store = store("t1");

        for (String sql : List.of("RESET ROLE", "SET ROLE postgres", "select 1; set role postgres",
                "SELECT set_config('wahub.tenant_id', 't2', false)", "SET SESSION AUTHORIZATION postgres")) {
            assertThatThrownBy(() -> store.query(sql, Map.of())).as(sql)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("A feature store runs no statement that changes the session");
        }
    }

    @Test
    void historyTable_isOutOfTheStoresReach() throws IOException {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));

        assertThatThrownBy(() -> store("t1").query("SELECT * FROM flyway_schema_history", Map.of()))
                .hasMessage("ERROR: permission denied for table flyway_schema_history");
    }

    @Test
    void databaseUserWhoMayNotUseTheFeatureRole_isToldWhichGrantToAskFor() throws SQLException {
        execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wahub_test_limited') "
                + "THEN CREATE ROLE wahub_test_limited LOGIN; END IF; END $$");
        PGSimpleDataSource limited = new PGSimpleDataSource();
        try (Connection connection = dataSource.getConnection()) {
            limited.setUrl(connection.getMetaData().getURL());
        }
        limited.setUser("wahub_test_limited");

        assertThatThrownBy(() -> FeatureRole.ensure(limited))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Features with their own tables run their statements as the database role"
                        + " wahub_feature, which the hub's database user 'wahub_test_limited' may not create or use")
                .hasMessageEndingWith("As a database administrator run: CREATE ROLE wahub_feature NOLOGIN; "
                        + "GRANT wahub_feature TO \"wahub_test_limited\";");
    }

    private JdbcFeatureStore store(String tenantId) {
        return new JdbcFeatureStore(dataSource, tenantId, schema, false);
    }

    /** The notes table, with one note of tenant t1. */
    private void notesOfT1() throws IOException {
        FeatureSchemaMigrator.migrate(dataSource, featureId, plugin(Map.of("V1__notes.sql", NOTES)));
        store("t1").update("INSERT INTO notes (tenant_id, id, text) VALUES (:tenant_id, 1, 'mine')", Map.of());
    }

    /** Tenant t2's store, taking {@code connection} each time, as it would a pooled one. */
    private JdbcFeatureStore t2On(Connection connection) {
        return new JdbcFeatureStore(new SingleConnectionDataSource(connection, true), "t2", schema, false);
    }

    /** A plugin's class loader holding {@code migrations} under db/feature/, the hub's classes behind it. */
    private ClassLoader plugin(Map<String, String> migrations) throws IOException {
        Path dir = Files.createTempDirectory(plugin, "jar");
        Files.createDirectories(dir.resolve(FeatureSchemaMigrator.MIGRATIONS));
        for (var migration : migrations.entrySet()) {
            Files.writeString(dir.resolve(FeatureSchemaMigrator.MIGRATIONS).resolve(migration.getKey()),
                    migration.getValue());
        }
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
