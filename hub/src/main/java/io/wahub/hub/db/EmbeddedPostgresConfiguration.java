package io.wahub.hub.db;

import io.wahub.hub.WahubProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup default: with no {@code spring.datasource.url} configured, run a real PostgreSQL server (binaries
 * from Maven artifacts) with its data in {@code <wahub.data-dir>/postgres}, so a restart keeps the data.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(WahubProperties properties) throws IOException {
        return start(properties.dataDir().resolve("postgres").toAbsolutePath());
    }

    /** Starts (or takes over) the embedded server keeping its data in {@code dataDir}. */
    static EmbeddedPostgres start(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // zonky's defaults are for throw-away test servers (fsync off, commits acknowledged before they are
                // written): the embedded server keeps the hub's data, so a commit is on disk when it returns
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // a new WAL segment is not filled with 16 MB of zeros first: while a young server creates its
                // segments (until it recycles them), the fill stalled the commits waiting behind it (webhook
                // acknowledgement p99 at 1,000/s: 39-53 ms with, 26 ms without)
                .setServerConfig("wal_init_zero", "off")
                // Stopped by Spring (destroyMethod) after everything using the pool, not by a JVM hook racing it:
                // the racing hook left in-flight queries waiting 30 s for a connection to a stopped server.
                .setRegisterShutdownHook(false)
                .start();
        LOG.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDir);
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size:40}") int poolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(poolSize);
        dataSource.setPoolName("wahub-embedded");
        return dataSource;
    }

    /**
     * A hub killed without shutdown leaves its postmaster running and holding the data directory; stop it so this
     * start can take over (PostgreSQL then recovers from its WAL as after any crash).
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong)
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return;
        }
        LOG.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by a previous run", postmaster.get().pid());
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("orphaned PostgreSQL " + postmaster.get().pid() + " did not stop", e);
        }
    }
}
