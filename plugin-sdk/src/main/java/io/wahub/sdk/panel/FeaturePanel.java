package io.wahub.sdk.panel;

import java.util.List;

/**
 * Pages a {@link io.wahub.sdk.Feature} wants in the tenant's panel, declared as data so the panel draws them with its
 * generic components (no UI code in plugins). A feature with a panel implements this next to {@code Feature}, and
 * its {@link io.wahub.sdk.api.FeatureApi} serves the data: every path below names one of its operations, relative to
 * the feature's API base ({@code /api/v1/tenants/{tenant}/features/{featureId}}), and the panel calls it with the
 * signed-in person's session, so the API's rules apply (members read, owners and admins write).
 *
 * <p>{@link #resources()} is read when the hub lists the tenant's features ({@code GET …/features}, member
 * {@code panel}); it must not depend on the tenant.
 */
public interface FeaturePanel {

    /** The resources, in the order the panel shows them. */
    List<PanelResource> resources();
}
