package io.wahub.hub.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's superuser password: 32 random bytes, generated once and kept in
 * {@code <data-dir>/postgres.password} (owner read/write only), next to the server's own data directory (initdb wants
 * that one empty). Host and local connections authenticate with SCRAM-SHA-256.
 *
 * <p>A new server gets it at initdb ({@code --pwfile}, {@code --auth-host}, {@code --auth-local}: zonky passes its
 * "locale" options to initdb as {@code --key=value}, after its own {@code -A trust}, so they win). A server created
 * by an earlier hub with trust authentication gets the password set and {@code pg_hba.conf} switched to SCRAM at its
 * first start by this version.
 */
final class EmbeddedPostgresPassword {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresPassword.class);
    private static final Pattern TRUST = Pattern.compile("(?m)^(\\s*(?:local|host)\\b.*\\s)trust(\\s*)$");

    private final Path file;
    private final String value;

    private EmbeddedPostgresPassword(Path file, String value) {
        this.file = file;
        this.value = value;
    }

    /** The password of the server whose data is in {@code dataDir}, generated and stored on first use. */
    static EmbeddedPostgresPassword of(Path dataDir) throws IOException {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + ".password");
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path temp = Files.createTempFile(file.getParent(), ".password-", ".tmp");
            restrict(temp);
            Files.writeString(temp, HexFormat.of().formatHex(random), StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        restrict(file);
        return new EmbeddedPostgresPassword(file, Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    String value() {
        return value;
    }

    /** Has initdb of a new server set the password and SCRAM authentication for every connection. */
    void forInitdb(EmbeddedPostgres.Builder builder) {
        builder.setLocaleConfig("pwfile", file.toString())
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256");
    }

    /** Sets the password on a server initialised with trust authentication, and switches it to SCRAM. */
    void enforce(EmbeddedPostgres postgres, Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        if (!TRUST.matcher(rules).find()) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER USER postgres PASSWORD '" + value + "'"); // hex: nothing to escape
            Files.writeString(hba, TRUST.matcher(rules).replaceAll("$1scram-sha-256$2"), StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL's password", e);
        }
        LOG.info("Embedded PostgreSQL: the superuser now needs the password in {}", file);
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's ACL
        }
    }
}
