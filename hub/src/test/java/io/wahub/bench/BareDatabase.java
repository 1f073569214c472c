package io.wahub.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database of a bare baseline ({@link BareWebhookServer}, {@link BareOtpServer}): a pool of {@code poolSize} to
 * the JDBC URL {@code db}, or with {@code db} {@code embedded} to a PostgreSQL server of its own under
 * {@code dataDir}, configured as the hub runs its embedded one (fsync and synchronous commits on, no WAL
 * zero-filling), with {@code schema} run on it. Closing it closes the pool, then stops that server.
 */
record BareDatabase(HikariDataSource pool, EmbeddedPostgres embedded) implements AutoCloseable {

    static BareDatabase open(String db, String dataDir, int poolSize, String schema) throws IOException {
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(poolSize);
        pool.setUsername("postgres");
        EmbeddedPostgres embedded = null;
        if (db.equals("embedded")) {
            Path data = Files.createDirectories(Path.of(dataDir, "postgres"));
            embedded = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost").setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on").setServerConfig("wal_init_zero", "off")
                    .start();
            pool.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
        } else {
            pool.setJdbcUrl(db);
        }
        new JdbcTemplate(pool).execute(schema);
        return new BareDatabase(pool, embedded);
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
