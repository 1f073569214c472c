package io.wahub.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresConfigurationTest {

    @Test
    void embeddedServer_writesEveryCommitToDiskBeforeItReturns(@TempDir Path data) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgresConfiguration.start(data.resolve("postgres"));
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "wal_init_zero")).isEqualTo("off");
            assertThat(setting(statement, "data_directory")).isEqualTo(data.resolve("postgres").toString());
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
