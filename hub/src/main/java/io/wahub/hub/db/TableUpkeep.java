package io.wahub.hub.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Does autovacuum's work for the hub's tables when the server's autovacuum is off. The queue tables (inbox events,
 * messages, timers) update every row two or three times, so without vacuum they fill with dead rows, and without
 * analyze their planner statistics stay empty: on a PostgreSQL 15 with {@code autovacuum = off}, delivery fell to
 * 110 messages/s after 190,000 messages and came back to 1,583/s after one {@code VACUUM ANALYZE}.
 *
 * <p>Every {@code wahub.upkeep.period-ms} (30 s) it vacuums and analyses the tables past autovacuum's default
 * thresholds (dead rows over 50 + 20 % of the live ones; changes since the last analyze over 50 + 10 %), one node at a
 * time (a session advisory lock), outside any transaction. {@code wahub.upkeep.mode}: {@code auto} (only when the
 * server's autovacuum is off, the default), {@code always}, {@code never}.
 */
@Component
public class TableUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(TableUpkeep.class);
    /** The advisory lock key that keeps this to one node at a time ("wahub-upkeep"). */
    static final long LOCK = 0x7761687562L;

    private final JdbcTemplate jdbc;
    private final String mode;
    private volatile Boolean needed;

    public TableUpkeep(JdbcTemplate jdbc, @Value("${wahub.upkeep.mode:auto}") String mode) {
        this.jdbc = jdbc;
        this.mode = mode;
        if (!List.of("auto", "always", "never").contains(mode)) {
            throw new IllegalArgumentException("wahub.upkeep.mode must be auto, always or never, not " + mode);
        }
    }

    @Scheduled(initialDelayString = "${wahub.upkeep.period-ms:30000}",
            fixedDelayString = "${wahub.upkeep.period-ms:30000}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Table upkeep failed; it runs again in a while: {}", e.toString());
        }
    }

    /** Vacuums and analyses the tables that need it, if upkeep is this node's to do now; returns those done. */
    public List<String> run() {
        if (!needed()) {
            return List.of();
        }
        return jdbc.execute((Connection connection) -> {
            try (Statement statement = connection.createStatement()) {
                if (!locked(statement)) {
                    return List.of();
                }
                try {
                    return upkeep(statement);
                } finally {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        });
    }

    private boolean needed() {
        Boolean known = needed;
        if (known == null) {
            known = switch (mode) {
                case "always" -> true;
                case "never" -> false;
                default -> !"on".equals(jdbc.queryForObject("SELECT current_setting('autovacuum')", String.class));
            };
            if (known && "auto".equals(mode)) {
                LOG.warn("The PostgreSQL server's autovacuum is off: the hub vacuums and analyses its own tables "
                        + "(wahub.upkeep.mode). Turn autovacuum on for the rest of the server's databases.");
            }
            needed = known;
        }
        return known;
    }

    private static List<String> upkeep(Statement statement) throws SQLException {
        List<Due> due = new ArrayList<>();
        statement.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet tables = statement.executeQuery("""
                SELECT schemaname, relname, needs_vacuum FROM (
                    SELECT schemaname, relname, n_dead_tup,
                           n_dead_tup > 50 + 0.2 * n_live_tup AS needs_vacuum,
                           n_mod_since_analyze > 50 + 0.1 * n_live_tup AS needs_analyze
                    FROM pg_stat_user_tables
                    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) t
                WHERE needs_vacuum OR needs_analyze
                ORDER BY n_dead_tup DESC""")) {
            while (tables.next()) {
                String name = SqlIdentifier.quote(tables.getString(1)) + "." + SqlIdentifier.quote(tables.getString(2));
                due.add(new Due(name, tables.getBoolean(3) ? "VACUUM (ANALYZE) " : "ANALYZE "));
            }
        }
        List<String> done = new ArrayList<>();
        for (Due table : due) {
            try {
                statement.execute(table.command() + table.name());
                done.add(table.name());
            } catch (SQLException e) { // not the owner, or dropped meanwhile: the others still get theirs
                LOG.debug("Upkeep of {} skipped: {}", table.name(), e.getMessage());
            }
        }
        if (!done.isEmpty()) {
            LOG.debug("Vacuumed or analysed {}", done);
        }
        return done;
    }

    /** A table due for upkeep: its qualified, quoted name and the command it gets. */
    private record Due(String name, String command) {
    }

    private static boolean locked(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }
}
