package io.wahub.hub.tenant;

import java.time.Instant;

/**
 * A shop using the hub.
 *
 * @param id      URL-safe slug, also the path segment of its webhook URLs
 * @param channel id of the channel connector its messages go out through ({@code sandbox} by default)
 * @param status  {@code active} or {@code suspended}: a suspended tenant's webhooks are stored, not processed
 * @param plan    id of its {@link io.wahub.hub.plan.Plan}
 */
public record Tenant(String id, String name, String channel, String status, String plan, Instant createdAt) {

    public static final String SANDBOX = "sandbox";
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    public boolean active() {
        return "active".equals(status);
    }
}
