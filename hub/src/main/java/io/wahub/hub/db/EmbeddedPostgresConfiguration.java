package io.wahub.hub.db;

import com.zaxxer.hikari.HikariDataSource;
import io.wahub.hub.WahubProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup default: with no {@code spring.datasource.url} configured, run a real PostgreSQL server (binaries
 * from Maven artifacts) with its data in {@code <wahub.data-dir>/postgres}, so a restart keeps the data.
 *
 * <p>The server listens on localhost only, and its superuser {@code postgres} has a generated password kept next to
 * the data ({@link EmbeddedPostgresPassword}): another local user cannot connect to it as with zonky's default
 * trust authentication.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    /**
     * The embedded server's default shared buffers: a small shop's data, not PostgreSQL's 128 MB, nearly all of
     * which a server keeps once a burst has touched it (an idle hub and its server: 489 MB PSS with 128 MB, of which
     * the server 175 MB). A busy node sets {@code WAHUB_EMBEDDED_SHARED_BUFFERS} (README, "Running a busy node").
     */
    static final String SHARED_BUFFERS = "32MB";

    /** The running server and its superuser's password. */
    public record EmbeddedServer(EmbeddedPostgres postgres, String password) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(WahubProperties properties,
                                    @Value("${wahub.embedded-postgres.shared-buffers:" + SHARED_BUFFERS + "}")
                                    String sharedBuffers) throws IOException {
        return start(properties.dataDir().resolve("postgres").toAbsolutePath(), sharedBuffers);
    }

    /** Starts (or takes over) the embedded server keeping its data in {@code dataDir}, with the default buffers. */
    static EmbeddedServer start(Path dataDir) throws IOException {
        return start(dataDir, SHARED_BUFFERS);
    }

    /**
     * Starts (or takes over) the embedded server keeping its data in {@code dataDir}, with {@code sharedBuffers}
     * of shared buffers (PostgreSQL's units: {@code 32MB}, {@code 1GB}).
     */
    static EmbeddedServer start(Path dataDir, String sharedBuffers) throws IOException {
        Files.createDirectories(dataDir);
        OrphanedPostmaster.stop(dataDir);
        EmbeddedPostgresPassword password = EmbeddedPostgresPassword.of(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("shared_buffers", sharedBuffers)
                // zonky's defaults are for throw-away test servers (fsync off, commits acknowledged before they are
                // written): the embedded server keeps the hub's data, so a commit is on disk when it returns
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // a new WAL segment is not filled with 16 MB of zeros first: while a young server creates its
                // segments (until it recycles them), the fill stalled the commits waiting behind it (webhook
                // acknowledgement p99 at 1,000/s: 39-53 ms with, 26 ms without)
                .setServerConfig("wal_init_zero", "off")
                .setConnectConfig("password", password.value())
                // Stopped by Spring (destroyMethod) after everything using the pool, not by a JVM hook racing it:
                // the racing hook left in-flight queries waiting 30 s for a connection to a stopped server.
                .setRegisterShutdownHook(false);
        if (fresh) {
            password.forInitdb(builder);
        }
        EmbeddedPostgres postgres = builder.start();
        if (!fresh) {
            password.enforce(postgres, dataDir);
        }
        LOG.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDir);
        return new EmbeddedServer(postgres, password.value());
    }

    @Bean
    DataSource dataSource(EmbeddedServer server,
                          @Value("${spring.datasource.hikari.maximum-pool-size:40}") int poolSize,
                          @Value("${spring.datasource.hikari.minimum-idle:1}") int minimumIdle,
                          @Value("${spring.datasource.hikari.idle-timeout:10000}") long idleTimeoutMillis) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.postgres().getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(poolSize);
        dataSource.setMinimumIdle(Math.min(minimumIdle, poolSize));
        dataSource.setIdleTimeout(idleTimeoutMillis);
        dataSource.setPoolName("wahub-embedded");
        return dataSource;
    }
}
