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
 * A statement committed alone runs in the same implicit transaction as the setting ahead of it, however often it runs
 * on one connection, against PostgreSQL (the server of {@code WAHUB_TEST_DB_URL}, else an embedded one).
 */
class RelaxedCommitTest {

    private static TestPostgres postgres;
    private static SingleConnectionDataSource dataSource;

    @BeforeAll
    static void database() throws IOException, SQLException {
        postgres = TestPostgres.start();
        // one connection for every call: the driver's state per statement lives in its connection
        dataSource = new SingleConnectionDataSource(postgres.dataSource().getConnection(), true);
    }

    @AfterAll
    static void stop() throws IOException {
        dataSource.destroy();
        postgres.close();
    }

    /**
     * The driver turns a statement run five times on a connection into a named one; one with a parameter it sends
     * untyped (a null here) it then describes, and before a part whose rows have no known size it ended the implicit
     * transaction: from the fifth call on, the setting was gone when the statement ran (it read {@code on}).
     */
    @Test
    void aStatementBindingNulls_runsWithTheSetting_onEveryCallOnOneConnection() {
        RelaxedCommit relaxed = new RelaxedCommit(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
        List<String> seen = new ArrayList<>();
        for (int call = 0; call < 12; call++) {
            MapSqlParameterSource parameters = new MapSqlParameterSource("note", call % 2 == 0 ? null : "a note");
            seen.add(relaxed.alone("SELECT current_setting('synchronous_commit') AS commit, CAST(:note AS text) AS note",
                    parameters, rs -> {
                        rs.next();
                        return rs.getString("commit");
                    }));
        }

        assertThat(seen).hasSize(12).containsOnly("off");
    }
}
