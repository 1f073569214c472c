package io.wahub.hub.inbox;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the groups of events (one tenant's events of one batch) finishing in the background because their
 * features outlasted the batch's wait: at most {@code total} at once, and a tenant with {@code perTenant} of them
 * gets no new group started until one is done.
 */
final class BackgroundGroups {

    private final int perTenant;
    private final int total;
    private final Map<String, Integer> byTenant = new HashMap<>();
    private int running;

    BackgroundGroups(int perTenant, int total) {
        if (perTenant < 1 || total < 1) {
            throw new IllegalArgumentException("wahub.dispatch.background-per-tenant and background-total must be"
                    + " at least 1, not " + perTenant + " and " + total);
        }
        this.perTenant = perTenant;
        this.total = total;
    }

    /** Whether the tenant has as many groups in the background as it may: give its new events back. */
    synchronized boolean tenantAtBound(String tenantId) {
        return byTenant.getOrDefault(tenantId, 0) >= perTenant;
    }

    /** Takes a place in the background for a group of the tenant; false when all {@code total} are taken. */
    synchronized boolean enter(String tenantId) {
        if (running >= total) {
            return false;
        }
        running++;
        byTenant.merge(tenantId, 1, Integer::sum);
        return true;
    }

    /** A group of the tenant is done. */
    synchronized void leave(String tenantId) {
        running--;
        byTenant.computeIfPresent(tenantId, (tenant, count) -> count > 1 ? count - 1 : null);
    }
}
