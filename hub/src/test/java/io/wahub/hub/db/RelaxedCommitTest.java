package io.wahub.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A statement committed alone commits in one implicit transaction with the setting behind it, however often it runs on
 * one connection, against PostgreSQL (the server of {@code WAHUB_TEST_DB_URL}, else an embedded one).
 */
class RelaxedCommitTest {

    private static TestPostgres postgres;
    private static SingleConnectionDataSource dataSource;

    @BeforeAll
    static void database() throws IOException, SQLException {
        postgres = TestPostgres.start();
        // one connection for every call: the driver's state per statement lives in its connection
        dataSource = new SingleConnectionDataSource(postgres.dataSource().getConnection(), true);
        // the connection's own tables: a row inserted into probe logs, at its transaction's commit, how it commits
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TEMP TABLE probe (note text)");
        jdbc.execute("CREATE TEMP TABLE commit_log (synchronous_commit text)");
        jdbc.execute("""
                CREATE FUNCTION pg_temp.log_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO pg_temp.commit_log VALUES (current_setting('synchronous_commit'));
                    RETURN NULL;
                END $$""");
        jdbc.execute("CREATE CONSTRAINT TRIGGER at_commit AFTER INSERT ON probe DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION pg_temp.log_commit()");
    }

    @AfterAll
    static void stop() throws IOException {
        dataSource.destroy();
        postgres.close();
    }

    /**
     * The driver turns a statement run five times on a connection into a named one; one with a parameter it sends
     * untyped (a null here) it then describes, and ahead of a part whose rows have no known size (this one's text) it
     * sends a Sync, which ends the implicit transaction there. With the setting ahead of the statement, that commit
     * waited for the disk from the fifth call on; behind it, every commit runs with the setting.
     */
    @Test
    void aStatementBindingNulls_commitsWithTheSetting_onEveryCallOnOneConnection() {
        RelaxedCommit relaxed = new RelaxedCommit(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
        List<String> notes = new ArrayList<>();
        for (int call = 0; call < 12; call++) {
            MapSqlParameterSource parameters = new MapSqlParameterSource("note", call % 2 == 0 ? null : "a note");
            notes.add(relaxed.alone("INSERT INTO probe VALUES (CAST(:note AS text)) RETURNING coalesce(note, 'none')"
                    + " AS note", parameters, rs -> {
                        rs.next();
                        return rs.getString("note");
                    }));
        }

        assertThat(notes).hasSize(12).containsOnly("none", "a note");
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT synchronous_commit FROM commit_log",
                String.class)).hasSize(12).containsOnly("off");
    }
}
