package io.wahub.hub.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** People; emails are stored lower-case. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM app_user WHERE email = :email").param("email", normalise(email))
                .query(UserRepository::map).optional();
    }

    public Optional<User> find(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", id).query(UserRepository::map)
                .optional();
    }

    public boolean anyOperator() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE operator)").query(Boolean.class).single();
    }

    public UUID create(String email, String passwordHash, boolean operator) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO app_user (id, email, password_hash, operator) VALUES (:id, :email, :hash, :operator)
                        """)
                .param("id", id).param("email", normalise(email)).param("hash", passwordHash)
                .param("operator", operator).update();
        return id;
    }

    public void recordSuccess(UUID id) {
        jdbc.sql("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id").param("id", id)
                .update();
    }

    /** A sign-in attempt reserved by {@link #reserveAttempt}: its number since the last success. */
    public record Reservation(int attempt, Instant lockedUntil) {
    }

    /**
     * Reserves a password check before it is made, in one statement (the row lock orders concurrent attempts):
     * counts the attempt as failed, and from attempt {@code freeAttempts} on locks the account right away for
     * {@code locks[attempt - freeAttempts]} seconds (the last entry for any later attempt). A success then resets
     * both ({@link #recordSuccess}). Of any number of parallel guesses, therefore, at most {@code freeAttempts} get
     * a reservation before the lock, and after it expires one more at a time.
     *
     * @return empty when the account is locked now (nothing reserved)
     */
    public Optional<Reservation> reserveAttempt(UUID id, int freeAttempts, int[] locks) {
        return jdbc.sql("""
                        UPDATE app_user SET failed_logins = failed_logins + 1,
                            locked_until = CASE WHEN failed_logins + 1 >= :free
                                THEN now() + make_interval(secs => (:locks::int[])[
                                    LEAST(failed_logins + 2 - :free, cardinality(:locks::int[]))])
                                ELSE NULL END
                        WHERE id = :id AND (locked_until IS NULL OR locked_until <= now())
                        RETURNING failed_logins, locked_until
                        """)
                .param("id", id).param("free", freeAttempts)
                .param("locks", java.util.Arrays.stream(locks).boxed().toArray(Integer[]::new))
                .query((rs, n) -> {
                    Timestamp until = rs.getTimestamp("locked_until");
                    return new Reservation(rs.getInt("failed_logins"), until == null ? null : until.toInstant());
                })
                .optional();
    }

    public void changePassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id").param("id", id)
                .param("hash", passwordHash).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                rs.getBoolean("operator"), rs.getInt("failed_logins"), locked == null ? null : locked.toInstant());
    }
}
