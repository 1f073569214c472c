/**
 * Pages a feature declares for the tenant's panel ({@link io.wahub.sdk.panel.FeaturePanel},
 * {@link io.wahub.sdk.panel.PanelResource}): data, not UI code; the panel draws them generically and reads and
 * writes through the feature's API.
 */
package io.wahub.sdk.panel;
