package io.wahub.bench;

import io.wahub.sdk.Hmac;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OTP benchmark's bare baseline: the floor any durable OTP service on the hub's HTTP stack pays for a start and a
 * check. Spring Boot's embedded Tomcat with virtual threads, Spring MVC and Jackson as the hub has them; a bearer key
 * compared by its SHA-256; a start stores the verification and the text of its message in one statement, committed
 * synchronously (the code derived from a random seed with HMAC-SHA256, as the otp plugin derives it); a check
 * compares the code's keyed hash and approves the verification in one statement, committed synchronously. No
 * security filter chain, tenants, row-level security, feature API, policy gate, quota, fraud guard, per-number limit,
 * resend, expiry timer, audit or delivery: what the hub adds to this floor is the price of those.
 *
 * <p>Started in the benchmark's JVM ({@link OtpBenchmark}) with {@code --bare.db} ({@code embedded}: a server of its
 * own under {@code --bare.data-dir}) and {@code --bare.pool-size}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Profile(BareOtpServer.PROFILE) // the hub's tests scan io.wahub, test classes included: not this
@Import(BareStack.class)
public class BareOtpServer {

    static final String PROFILE = "bare-otp-server";
    /** The bearer key the benchmark sends. */
    static final String KEY = "bare-otp-benchmark-key";

    @Bean(destroyMethod = "close")
    BareDatabase database(@Value("${bare.db}") String db, @Value("${bare.data-dir:}") String dataDir,
                          @Value("${bare.pool-size:40}") int poolSize) throws IOException {
        return BareDatabase.open(db, dataDir, poolSize, """
                CREATE TABLE IF NOT EXISTS bare_verification (
                    id         uuid        PRIMARY KEY,
                    to_number  text        NOT NULL,
                    purpose    text        NOT NULL,
                    status     text        NOT NULL DEFAULT 'pending',
                    code_hash  text        NOT NULL,
                    checks     integer     NOT NULL DEFAULT 0,
                    expires_at timestamptz NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS bare_one_pending ON bare_verification (to_number, purpose)
                    WHERE status = 'pending';
                CREATE TABLE IF NOT EXISTS bare_message (
                    verification_id uuid PRIMARY KEY,
                    text            text NOT NULL)""");
    }

    @RestController
    @Profile(PROFILE)
    static final class Verifications {

        private static final String CODE_KEY = "bare-otp-code-key";
        private static final byte[] KEY_HASH = sha256(KEY);
        private final SecureRandom random = new SecureRandom();
        private final JdbcTemplate jdbc;

        /** A member class of the configuration: Spring registers it as a bean by itself. */
        Verifications(DataSource dataSource) {
            this.jdbc = new JdbcTemplate(dataSource);
        }

        record Start(String to, String purpose) {
        }

        record Check(String to, String purpose, String code) {
        }

        @PostMapping("/verifications")
        ResponseEntity<Map<String, Object>> start(@RequestHeader("Authorization") String authorization,
                                                  @RequestBody Start start) {
            if (!authorized(authorization)) {
                return ResponseEntity.status(401).build();
            }
            UUID id = UUID.randomUUID();
            byte[] seed = new byte[16];
            random.nextBytes(seed);
            String code = code(seed);
            int stored = jdbc.update("""
                    WITH v AS (INSERT INTO bare_verification (id, to_number, purpose, code_hash, expires_at)
                               VALUES (?, ?, ?, ?, now() + interval '5 minutes') ON CONFLICT DO NOTHING RETURNING id)
                    INSERT INTO bare_message (verification_id, text) SELECT id, ? FROM v""",
                    id, start.to(), start.purpose(), hash(code), "*" + code + "* is your verification code.");
            if (stored == 0) {
                return ResponseEntity.status(409).build();
            }
            return ResponseEntity.status(201).body(Map.of("id", id.toString(), "status", "pending"));
        }

        @PostMapping("/verification-checks")
        ResponseEntity<Map<String, Object>> check(@RequestHeader("Authorization") String authorization,
                                                  @RequestBody Check check) {
            if (!authorized(authorization)) {
                return ResponseEntity.status(401).build();
            }
            String hash = hash(check.code());
            String status = jdbc.query("""
                    UPDATE bare_verification
                    SET status = CASE WHEN code_hash = ? THEN 'approved' ELSE status END,
                        checks = checks + CASE WHEN code_hash = ? THEN 0 ELSE 1 END
                    WHERE to_number = ? AND purpose = ? AND status = 'pending' AND expires_at > now()
                    RETURNING status""", rs -> rs.next() ? rs.getString(1) : null,
                    hash, hash, check.to(), check.purpose());
            if (status == null) {
                return ResponseEntity.status(404).build();
            }
            return ResponseEntity.ok(Map.of("status", status.equals("approved") ? "approved" : "denied"));
        }

        private static boolean authorized(String authorization) {
            return authorization.startsWith("Bearer ")
                    && MessageDigest.isEqual(KEY_HASH, sha256(authorization.substring("Bearer ".length())));
        }

        /** Six digits from the seed, as the otp plugin derives its codes (the MAC's first 64 bits, reduced). */
        private static String code(byte[] seed) {
            long value = ByteBuffer.wrap(Hmac.sha256(CODE_KEY, seed)).getLong();
            return "%06d".formatted(Long.remainderUnsigned(value, 1_000_000));
        }

        private static String hash(String code) {
            return HexFormat.of().formatHex(Hmac.sha256(CODE_KEY, code.getBytes(StandardCharsets.UTF_8)));
        }

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
