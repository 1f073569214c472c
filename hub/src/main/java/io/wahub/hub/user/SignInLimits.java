package io.wahub.hub.user;

import io.wahub.hub.apikey.ApiKeySecrets;
import io.wahub.hub.apikey.RateLimiter;
import io.wahub.hub.security.ClientAddress;
import io.wahub.hub.security.SignInProperties;
import io.wahub.hub.web.ProblemException;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Per-address and per-account sign-in limits: Bucket4j buckets in PostgreSQL ({@code rate_limit_bucket}, through
 * {@link RateLimiter}), so every hub node counts against the same ones. An account's bucket is keyed by the SHA-256
 * of the email (no addresses of people in bucket ids) and exists for unknown emails too, so it says nothing about
 * whether an account exists.
 */
@Component
public class SignInLimits {

    private final RateLimiter rateLimiter;
    private final SignInProperties properties;

    public SignInLimits(RateLimiter rateLimiter, SignInProperties properties) {
        this.rateLimiter = rateLimiter;
        this.properties = properties;
    }

    /** @throws ProblemException 429 {@code sign-in-rate-limited} with {@code retryAfterSeconds} */
    public void checkAddress(String address) {
        check(rateLimiter.tryConsume("sign-in:address:" + ClientAddress.limitKey(address),
                properties.perAddressPerMinute()), properties.perAddressPerMinute() + " sign-in attempts a minute "
                + "are allowed from one address.");
    }

    /** @throws ProblemException 429 {@code sign-in-rate-limited} with {@code retryAfterSeconds} */
    public void checkAccount(String normalisedEmail) {
        check(rateLimiter.tryConsume("sign-in:account:" + ApiKeySecrets.sha256(normalisedEmail),
                properties.perAccountPerMinute()), properties.perAccountPerMinute() + " sign-in attempts a minute "
                + "are allowed for one account.");
    }

    private static void check(OptionalLong waitNanos, String limit) {
        if (waitNanos.isPresent()) {
            long seconds = RateLimiter.retryAfterSeconds(waitNanos.getAsLong());
            throw new ProblemException(429, "sign-in-rate-limited", "Too many sign-in attempts",
                    limit + " Retry after " + seconds + " s.", Map.of("retryAfterSeconds", seconds));
        }
    }
}
