package io.wahub.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wahub.hub.db.EmbeddedPostgresConfiguration.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresConfigurationTest {

    @TempDir
    Path data;

    @Test
    void embeddedServer_writesEveryCommitToDiskBeforeItReturns() throws Exception {
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"));
             Connection connection = server.postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "wal_init_zero")).isEqualTo("off");
            assertThat(setting(statement, "data_directory")).isEqualTo(data.resolve("postgres").toString());
        }
    }

    @Test
    void sharedBuffers_smallByDefault_asConfiguredOtherwise_onEveryStart() throws Exception {
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"));
             Connection connection = server.postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "shared_buffers")).isEqualTo("32MB");
        }
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"), "48MB");
             Connection connection = server.postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "shared_buffers")).isEqualTo("48MB");
        }
    }

    @Test
    void superuserNeedsTheGeneratedPassword_keptInTheDataDirectoryForTheOwnerOnly() throws Exception {
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"))) {
            Path file = data.resolve("postgres.password");
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(server.password()).hasSize(64);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            assertThatThrownBy(() -> connect(server, null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(server, "postgres")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection connection = connect(server, server.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void restartKeepsThePassword() throws Exception {
        String first;
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"))) {
            first = server.password();
        }
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"));
             Connection connection = connect(server, first)) {
            assertThat(server.password()).isEqualTo(first);
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void serverCreatedWithTrustByAnEarlierHub_getsThePasswordAtItsNextStart() throws Exception {
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"))) {
            server.password(); // created, then turned back into what earlier hubs left: trust, no password file
        }
        Path hba = data.resolve("postgres/pg_hba.conf");
        Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
        Files.delete(data.resolve("postgres.password"));

        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"))) {
            assertThat(Files.readAllLines(hba)).filteredOn(line -> !line.strip().startsWith("#"))
                    .noneMatch(line -> line.contains("trust"));
            assertThatThrownBy(() -> connect(server, null)).isInstanceOf(SQLException.class);
            try (Connection connection = connect(server, server.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void stalePidFileNamingAnotherProcess_isRemoved_andThatProcessLeftAlone() throws Exception {
        try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"))) {
            server.password();
        }
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            // what a crashed postmaster's file looks like once its pid went to an unrelated process
            Files.writeString(data.resolve("postgres/postmaster.pid"), unrelated.pid() + "\n"
                    + data.resolve("postgres") + "\n1700000000\n5432\n/tmp\nlocalhost\n  1234567   1\nready   \n");

            try (EmbeddedServer server = EmbeddedPostgresConfiguration.start(data.resolve("postgres"));
                 Connection connection = connect(server, server.password())) {
                assertThat(connection.isValid(5)).isTrue();
                assertThat(unrelated.isAlive()).isTrue();
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void orphanedPostmasterOfThisDataDirectory_isRecognisedAndStopped() throws Exception {
        try (EmbeddedServer orphan = EmbeddedPostgresConfiguration.start(data.resolve("postgres"))) {
            // what a hub killed with SIGKILL leaves: a postmaster running with its pid file
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();

            OrphanedPostmaster.stop(data.resolve("postgres"));

            assertThat(postmaster.isAlive()).isFalse();
        }
    }

    private static Connection connect(EmbeddedServer server, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.postgres().getPort()
                + "/postgres", properties);
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
