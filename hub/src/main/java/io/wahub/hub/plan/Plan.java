package io.wahub.hub.plan;

import java.util.List;

/**
 * What a tenant may use. A null limit means unlimited; null {@code features} means every installed feature.
 *
 * @param messagesPerMonth  messages queued per calendar month (UTC); more are stored as {@code blocked}
 * @param apiCallsPerMinute API-key calls per minute, summed over all the tenant's keys; more answer 429
 * @param contacts          contacts a tenant may keep (informational: not enforced yet)
 * @param sendsPerMinute    messages the tenant's feature API calls may send per minute (operations declared
 *                          {@link io.wahub.sdk.api.ApiOperation#sends() sending}, as an OTP start); more answer 429
 */
public record Plan(String id, String name, Integer messagesPerMonth, Integer apiCallsPerMinute, Integer contacts,
                   List<String> features, Integer sendsPerMinute) {

    public boolean allowsFeature(String featureId) {
        return features == null || features.contains(featureId);
    }
}
