package io.wahub.hub.security;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on signing in and on password hashing ({@code wahub.sign-in.*}).
 *
 * @param perAddressPerMinute sign-in attempts (and password checks of invitation acceptance and password change)
 *                            one client address may make a minute, whatever the email; an IPv6 address counts by
 *                            its /64 network. Checked first, so it also bounds the audit rows an anonymous caller
 *                            can cause
 * @param perAccountPerMinute attempts a minute for one email, known or not, from all addresses together
 * @param concurrentHashes    password hashes (Argon2id, 16 MiB each) computed at once on this node; every sign-in,
 *                            invitation acceptance and password change needs one
 * @param hashWait            how long a caller waits for a free hash before the answer 503 with Retry-After
 */
@ConfigurationProperties("wahub.sign-in")
@Validated
public record SignInProperties(@DefaultValue("10") @Positive int perAddressPerMinute,
                               @DefaultValue("10") @Positive int perAccountPerMinute,
                               @DefaultValue("4") @Positive int concurrentHashes,
                               @DefaultValue("250ms") Duration hashWait) {
}
