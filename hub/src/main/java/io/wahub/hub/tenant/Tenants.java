package io.wahub.hub.tenant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.wahub.hub.web.ProblemException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Tenant lookups for hot paths (webhook ingress, dispatch), cached for a few seconds; changes made through this
 * node are visible at once, changes on other nodes within the cache lifetime.
 */
@Service
public class Tenants {

    private final TenantRepository repository;
    private final LoadingCache<String, Optional<Tenant>> cache;

    public Tenants(TenantRepository repository) {
        this.repository = repository;
        this.cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000)
                .build(repository::find);
    }

    public Optional<Tenant> find(String id) {
        return cache.get(id);
    }

    /** The tenant, or a 404 problem naming the id. */
    public Tenant require(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    public void changed(String id) {
        cache.invalidate(id);
    }

    public static ProblemException notFound(String id) {
        return new ProblemException(404, "tenant-not-found", "Tenant not found", "No tenant with id '" + id + "'.");
    }

    /** 409: another tenant has this name (names are unique, ignoring case and surrounding spaces). */
    public static ProblemException nameTaken(String name) {
        return new ProblemException(409, "tenant-name-taken", "Tenant name taken",
                "Another tenant is already called '" + name.strip() + "'.",
                java.util.Map.of("errors", java.util.Map.of("name", "another tenant has this name")));
    }
}
