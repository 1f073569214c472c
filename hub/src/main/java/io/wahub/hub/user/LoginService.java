package io.wahub.hub.user;

import io.wahub.routes.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks an email and password, with lockout: after {@value #FREE_ATTEMPTS} wrong passwords in a row the account
 * is locked for 30 s, doubling with every further failure up to 15 min. A locked account answers 429 with
 * {@code Retry-After} without looking at the password. Unknown emails cost the same hashing time as known ones.
 */
@Service
public class LoginService {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final String dummyHash;

    public LoginService(UserRepository users, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.dummyHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    /**
     * @throws ProblemException 401 {@code bad-credentials}; 429 {@code login-locked} with {@code retryAfterSeconds}
     */
    public User login(String email, String password) {
        User user = users.findByEmail(email == null ? "" : email).orElse(null);
        Instant now = clock.instant();
        if (user != null && user.lockedUntil() != null && now.isBefore(user.lockedUntil())) {
            throw locked(user.lockedUntil(), now);
        }
        boolean matches = encoder.matches(password == null ? "" : password,
                user == null ? dummyHash : user.passwordHash());
        if (user == null || !matches) {
            if (user != null) {
                int failed = user.failedLogins() + 1;
                Instant lockedUntil = failed >= FREE_ATTEMPTS ? now.plus(lockFor(failed)) : null;
                users.recordFailure(user.id(), failed, lockedUntil);
                if (lockedUntil != null) {
                    throw locked(lockedUntil, now);
                }
            }
            throw new ProblemException(401, "bad-credentials", "Sign-in failed", "Email or password is wrong.");
        }
        users.recordSuccess(user.id());
        return user;
    }

    static Duration lockFor(int failedLogins) {
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(failedLogins - FREE_ATTEMPTS, 20));
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private static ProblemException locked(Instant until, Instant now) {
        long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
        return new ProblemException(429, "login-locked", "Too many failed sign-ins",
                "Too many wrong passwords; try again in " + seconds + " s.", Map.of("retryAfterSeconds", seconds));
    }
}
