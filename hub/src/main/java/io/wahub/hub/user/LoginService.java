package io.wahub.hub.user;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.BoundedPasswordEncoder;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/**
 * Checks an email and password: every path that checks a person's password (sign-in, accepting an invitation as an
 * existing person, changing a password) comes here. In order, each refusal fast and without hashing:
 * <ol>
 *   <li>the per-address limit (429 {@code sign-in-rate-limited}; not audited: this limit is what bounds the audit
 *       rows an anonymous caller can cause), then the per-account limit ({@link SignInLimits});</li>
 *   <li>a locked account: 429 {@code login-locked} with {@code Retry-After};</li>
 *   <li>a free hash permit ({@link BoundedPasswordEncoder}), else 503 {@code hashing-busy};</li>
 *   <li>the attempt is reserved in the database before the hash ({@link UserRepository#reserveAttempt}): after
 *       {@value #FREE_ATTEMPTS} wrong passwords in a row the account is locked for 30 s, doubling with every
 *       further failure up to 15 min, however many guesses run in parallel.</li>
 * </ol>
 * Unknown emails cost the same hash as known ones. Every sign-in, and every failed password check past the address
 * limit, is audited without a tenant ({@code user.signed-in}, {@code user.sign-in-failed} with {@code via} and
 * {@code reason}): the email and the client address, never the password.
 */
@Service
public class LoginService {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Lock lengths in seconds for attempt FREE_ATTEMPTS, FREE_ATTEMPTS + 1, …; the last for every later one. */
    private static final int[] LOCKS = IntStream.rangeClosed(FREE_ATTEMPTS, FREE_ATTEMPTS + 20)
            .map(n -> (int) lockFor(n).toSeconds()).distinct().toArray();

    /** Where a password is checked, for the audit log. */
    public enum Via {
        SESSION, INVITATION, PASSWORD_CHANGE;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final UserRepository users;
    private final BoundedPasswordEncoder encoder;
    private final SignInLimits limits;
    private final AuditLog audit;
    private final Clock clock;
    private final String dummyHash;

    public LoginService(UserRepository users, BoundedPasswordEncoder encoder, SignInLimits limits, AuditLog audit,
                        Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    /**
     * @param address the client's address (the socket's, or a trusted proxy's {@code X-Forwarded-For})
     * @throws ProblemException 401 {@code bad-credentials}; 429 {@code sign-in-rate-limited} or {@code login-locked}
     *                          with {@code retryAfterSeconds}; 503 {@code hashing-busy}
     */
    public User login(String email, String password, String address, Via via) {
        String normalised = UserRepository.normalise(email == null ? "" : email);
        String given = password == null ? "" : password;
        limits.checkAddress(address);
        try {
            limits.checkAccount(normalised);
        } catch (ProblemException refused) {
            throw failed(normalised, via, "account-rate-limited", refused);
        }
        Optional<User> found = users.findByEmail(normalised);
        if (found.isEmpty()) {
            encoder.matches(given, dummyHash);
            throw failed(normalised, via, "bad-credentials", badCredentials());
        }
        User user = found.get();
        if (user.lockedUntil() != null && clock.instant().isBefore(user.lockedUntil())) {
            throw failed(normalised, via, "locked", locked(user.lockedUntil()));
        }
        return encoder.withPermit(() -> check(user, given, via));
    }

    /** Holding a hash permit: reserves the attempt, then hashes. */
    private User check(User user, String password, Via via) {
        Optional<UserRepository.Reservation> reserved = users.reserveAttempt(user.id(), FREE_ATTEMPTS, LOCKS);
        if (reserved.isEmpty()) {
            Instant until = users.find(user.id()).map(User::lockedUntil).orElse(clock.instant());
            throw failed(user.email(), via, "locked", locked(until));
        }
        if (encoder.matches(password, user.passwordHash())) {
            users.recordSuccess(user.id());
            if (via == Via.SESSION) { // the other paths audit what they did (invitation.accepted, …)
                audit.record(null, user.email(), "user.signed-in", user.email(), Map.of());
            }
            return user;
        }
        Instant lockedUntil = reserved.get().lockedUntil();
        throw failed(user.email(), via, "bad-credentials",
                lockedUntil != null ? locked(lockedUntil) : badCredentials());
    }

    private ProblemException failed(String email, Via via, String reason, ProblemException answer) {
        String actor = Actors.current().map(WahubPrincipal::name).orElse("anonymous");
        audit.record(null, actor, "user.sign-in-failed", email, Map.of("via", via.value(), "reason", reason));
        return answer;
    }

    static Duration lockFor(int failedLogins) {
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(failedLogins - FREE_ATTEMPTS, 20));
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private static ProblemException badCredentials() {
        return new ProblemException(401, "bad-credentials", "Sign-in failed", "Email or password is wrong.");
    }

    private ProblemException locked(Instant until) {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds() + 1);
        return new ProblemException(429, "login-locked", "Too many failed sign-ins",
                "Too many wrong passwords; try again in " + seconds + " s.", Map.of("retryAfterSeconds", seconds));
    }
}
