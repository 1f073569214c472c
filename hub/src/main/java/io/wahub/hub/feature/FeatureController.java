package io.wahub.hub.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.settings.ExtensionSettingsService;
import io.wahub.hub.settings.SettingsSchema;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.ProblemException;
import io.wahub.sdk.Feature;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The features a tenant can switch on, with their settings. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/features")
public class FeatureController {

    /** A feature as the panel shows it. */
    public record FeatureView(String id, String displayName, boolean enabled, Set<String> eventTypes,
                              ObjectNode settingsSchema, ObjectNode settings) {
    }

    /** A change: switch on/off and/or new settings. */
    public record FeatureChange(Boolean enabled, JsonNode settings) {
    }

    private final ExtensionRegistry extensions;
    private final FeatureStateRepository states;
    private final ExtensionSettingsService settings;
    private final Tenants tenants;

    public FeatureController(ExtensionRegistry extensions, FeatureStateRepository states,
                             ExtensionSettingsService settings, Tenants tenants) {
        this.extensions = extensions;
        this.states = states;
        this.settings = settings;
        this.tenants = tenants;
    }

    @GetMapping
    public List<FeatureView> list(@PathVariable String tenant) {
        tenants.require(tenant);
        Set<String> enabled = states.enabledFeatures(tenant);
        return extensions.features().stream().map(f -> view(tenant, f, enabled.contains(f.id()))).toList();
    }

    @PutMapping("/{feature}")
    @Transactional
    public FeatureView change(@PathVariable String tenant, @PathVariable String feature,
                              @RequestBody FeatureChange change) {
        tenants.require(tenant);
        Feature target = extensions.feature(feature).orElseThrow(() -> new ProblemException(404,
                "feature-not-found", "Feature not found", "No feature with id '" + feature + "' is installed."));
        if (change.settings() != null) {
            settings.save(tenant, target, change.settings());
        }
        if (change.enabled() != null) {
            states.setEnabled(tenant, feature, change.enabled());
        }
        return view(tenant, target, states.enabledFeatures(tenant).contains(feature));
    }

    private FeatureView view(String tenant, Feature feature, boolean enabled) {
        return new FeatureView(feature.id(), feature.displayName(), enabled, feature.eventTypes(),
                SettingsSchema.of(feature.settingsType()).json(), settings.view(tenant, feature));
    }
}
