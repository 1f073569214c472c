package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wahub.hub.db.TableUpkeep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The hub's own upkeep, forced on ({@code always}; by default it runs only where the server's autovacuum is off):
 * a table full of dead rows is vacuumed and analysed, one whose rows are few and unchanged is left alone.
 */
@TestPropertySource(properties = {"wahub.upkeep.mode=always", "wahub.upkeep.period-ms=3600000"})
class TableUpkeepTest extends HubIntegrationTest {

    @Autowired
    TableUpkeep upkeep;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTableFullOfDeadRows_isVacuumedAndAnalysed_aQuietOneIsLeftAlone() {
        String busy = "upkeep_probe_" + System.nanoTime();
        String quiet = "upkeep_quiet_" + System.nanoTime();
        jdbc.execute("CREATE TABLE " + busy + " (id int PRIMARY KEY, n int)");
        jdbc.execute("CREATE TABLE " + quiet + " (id int PRIMARY KEY, n int)");
        jdbc.execute("INSERT INTO " + busy + " SELECT g, 0 FROM generate_series(1, 1000) g");
        jdbc.execute("UPDATE " + busy + " SET n = n + 1");
        jdbc.execute("UPDATE " + busy + " SET n = n + 1");
        jdbc.execute("INSERT INTO " + quiet + " SELECT g, 0 FROM generate_series(1, 10) g");

        List<String> done = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            done.addAll(upkeep.run());
            return done.stream().anyMatch(t -> t.endsWith("\"" + busy + "\""));
        });

        assertThat(done).noneMatch(t -> t.endsWith("\"" + quiet + "\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("""
                SELECT vacuum_count + autovacuum_count > 0 AND analyze_count + autoanalyze_count > 0
                  AND n_dead_tup = 0
                FROM pg_stat_user_tables WHERE relname = ?""", Boolean.class, busy));
        jdbc.execute("DROP TABLE " + busy);
        jdbc.execute("DROP TABLE " + quiet);
    }
}
