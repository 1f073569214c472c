package io.wahub.hub.apikey;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns an API key secret into a caller: finds the key by the SHA-256 of the secret, refuses unknown, revoked and
 * expired keys (401), takes one call from the key's and the tenant plan's rate limits (429 with the wait), counts
 * {@code api.calls} and remembers the last use.
 *
 * <p>Keys are cached per node for {@link #CACHE_TTL}: a revocation takes effect at once on the node that revoked
 * it and within that time on the others. Last-used times are written in batches every few seconds.
 */
@Component
public class ApiKeyAuthenticator {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private final ApiKeyRepository keys;
    private final Tenants tenants;
    private final PlanRepository plans;
    private final RateLimiter rateLimiter;
    private final UsageMeter meter;
    private final Clock clock;
    private final LoadingCache<String, Optional<ApiKey>> byHash;
    private final Map<UUID, Instant> lastUsed = new ConcurrentHashMap<>();

    public ApiKeyAuthenticator(ApiKeyRepository keys, Tenants tenants, PlanRepository plans, RateLimiter rateLimiter,
                               UsageMeter meter, Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.plans = plans;
        this.rateLimiter = rateLimiter;
        this.meter = meter;
        this.clock = clock;
        this.byHash = Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(100_000)
                .build(keys::findByHash);
    }

    /**
     * @throws ProblemException 401 {@code invalid-api-key}, {@code api-key-revoked} or {@code api-key-expired};
     *                          429 {@code rate-limited} with {@code retryAfterSeconds}
     */
    public WahubPrincipal authenticate(String secret) {
        ApiKey key = byHash.get(ApiKeySecrets.sha256(secret)).orElseThrow(() -> new ProblemException(401,
                "invalid-api-key", "Invalid API key", "The API key is not valid."));
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            throw new ProblemException(401, "api-key-revoked", "API key revoked",
                    "The API key " + key.prefix() + "… was revoked at " + key.revokedAt() + ".");
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            throw new ProblemException(401, "api-key-expired", "API key expired",
                    "The API key " + key.prefix() + "… expired at " + key.expiresAt() + ".");
        }
        if (!key.operator()) {
            limit(key);
            meter.record(key.tenantId(), UsageMeter.API_CALLS, 1);
        }
        lastUsed.put(key.id(), now);
        return new WahubPrincipal("key:" + key.prefix(), null, key.id(), key.tenantId(), key.operator(),
                key.scopes(), key.features());
    }

    private void limit(ApiKey key) {
        if (key.rateLimitPerMinute() != null) {
            check(rateLimiter.tryConsume("key:" + key.id(), key.rateLimitPerMinute()),
                    "API key " + key.prefix() + "… allows " + key.rateLimitPerMinute() + " calls per minute.");
        }
        Optional<Plan> plan = tenants.find(key.tenantId()).map(Tenant::plan).flatMap(plans::find);
        if (plan.isPresent() && plan.get().apiCallsPerMinute() != null) {
            check(rateLimiter.tryConsume("tenant:" + key.tenantId(), plan.get().apiCallsPerMinute()),
                    "Plan '" + plan.get().id() + "' allows " + plan.get().apiCallsPerMinute()
                            + " API calls per minute.");
        }
    }

    private static void check(OptionalLong waitNanos, String limit) {
        if (waitNanos.isPresent()) {
            long seconds = RateLimiter.retryAfterSeconds(waitNanos.getAsLong());
            throw new ProblemException(429, "rate-limited", "Too many requests",
                    limit + " Retry after " + seconds + " s.", Map.of("retryAfterSeconds", seconds));
        }
    }

    /** Forgets a cached key at once on this node (after revocation). */
    public void evict(String secretHash) {
        byHash.invalidate(secretHash);
    }

    @Scheduled(fixedDelayString = "${wahub.api-keys.last-used-flush-ms:5000}")
    public void flushLastUsed() {
        for (UUID id : java.util.List.copyOf(lastUsed.keySet())) {
            Instant at = lastUsed.remove(id);
            if (at != null) {
                keys.touch(id, at);
            }
        }
    }
}
