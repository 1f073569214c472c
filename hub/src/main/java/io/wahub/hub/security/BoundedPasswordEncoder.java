package io.wahub.hub.security;

import io.wahub.hub.web.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The hub's only {@link PasswordEncoder}: a password hash (Argon2id takes 16 MiB and tens of milliseconds) runs only
 * with one of a fixed number of permits. A caller that gets none within the wait is answered at once with 503
 * {@code hashing-busy} and {@code Retry-After}, and nothing is hashed: so however many anonymous sign-ins arrive (on
 * however many virtual threads), the memory hashing takes is bounded by permits × 16 MiB. Every path that hashes
 * (sign-in, invitation acceptance, password change, the operator's bootstrap) goes through here.
 */
public class BoundedPasswordEncoder implements PasswordEncoder {

    static final long RETRY_AFTER_SECONDS = 1;

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final Duration wait;
    private final AtomicLong hashes = new AtomicLong();
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    public BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentHashes, Duration wait) {
        this.delegate = delegate;
        this.permits = new Semaphore(concurrentHashes, true);
        this.wait = wait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return withPermit(() -> {
            hashes.incrementAndGet();
            return delegate.encode(rawPassword);
        });
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return withPermit(() -> {
            hashes.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        });
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /**
     * Runs {@code work} holding one hash permit (hashes inside it use that permit: a caller can take the permit
     * first and then do more than hash, as the sign-in does to reserve its attempt).
     *
     * @throws ProblemException 503 {@code hashing-busy} with {@code retryAfterSeconds} when no permit is free within
     *                          the wait
     */
    public <T> T withPermit(Supplier<T> work) {
        if (holding.get()) { // a hash inside work that already holds this thread's permit
            return work.get();
        }
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(503, "hashing-busy", "Too many sign-ins at once",
                    "The hub is checking too many passwords at once; try again in " + RETRY_AFTER_SECONDS + " s.",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
        }
        holding.set(true);
        try {
            return work.get();
        } finally {
            holding.remove();
            permits.release();
        }
    }

    /** How many passwords this node has hashed or checked since it started: an operational figure. */
    public long hashesComputed() {
        return hashes.get();
    }
}
