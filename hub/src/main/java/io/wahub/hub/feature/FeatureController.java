package io.wahub.hub.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.audit.AuditDetails;
import io.wahub.hub.feature.api.FeaturePanels;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.settings.ExtensionSettingsService;
import io.wahub.hub.settings.SettingsSchema;
import io.wahub.hub.template.FeatureTemplates;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
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

    /**
     * A feature as the panel shows it.
     *
     * @param panel the pages the feature declares for the panel ({@link io.wahub.sdk.panel.FeaturePanel}); absent
     *              when none
     */
    public record FeatureView(String id, String displayName, boolean enabled, Set<String> eventTypes,
                              ObjectNode settingsSchema, ObjectNode settings,
                              List<FeaturePanels.ResourceView> panel) {
    }

    /** A change: switch on/off and/or new settings. */
    public record FeatureChange(Boolean enabled, JsonNode settings) {
    }

    private final ExtensionRegistry extensions;
    private final FeatureStateRepository states;
    private final ExtensionSettingsService settings;
    private final Tenants tenants;
    private final PlanRepository plans;
    private final AuditLog audit;
    private final FeaturePanels panels;
    private final FeatureTemplates featureTemplates;

    public FeatureController(ExtensionRegistry extensions, FeatureStateRepository states,
                             ExtensionSettingsService settings, Tenants tenants, PlanRepository plans,
                             AuditLog audit, FeaturePanels panels, FeatureTemplates featureTemplates) {
        this.panels = panels;
        this.extensions = extensions;
        this.states = states;
        this.settings = settings;
        this.tenants = tenants;
        this.plans = plans;
        this.audit = audit;
        this.featureTemplates = featureTemplates;
    }

    @GetMapping
    @TenantScoped(Scope.TENANT_READ)
    public List<FeatureView> list(@PathVariable String tenant) {
        tenants.require(tenant);
        Set<String> enabled = states.enabledFeatures(tenant);
        return extensions.features().stream().map(f -> view(tenant, f, enabled.contains(f.id()))).toList();
    }

    @PutMapping("/{feature}")
    @TenantScoped(Scope.TENANT_WRITE)
    @Transactional
    public FeatureView change(@PathVariable String tenant, @PathVariable String feature,
                              @RequestBody FeatureChange change) {
        Tenant owner = tenants.require(tenant);
        String planId = owner.plan();
        Feature target = extensions.feature(feature).orElseThrow(() -> new ProblemException(404,
                "feature-not-found", "Feature not found", "No feature with id '" + feature + "' is installed."));
        if (Boolean.TRUE.equals(change.enabled())) {
            Plan plan = plans.require(planId);
            if (!plan.allowsFeature(feature)) {
                throw new ProblemException(403, "feature-not-in-plan", "Feature not in plan",
                        "Feature '" + feature + "' is not part of plan '" + plan.id() + "'; it allows "
                                + plan.features() + ".", java.util.Map.of("plan", plan.id()));
            }
        }
        if (change.settings() != null) {
            settings.save(tenant, target, change.settings());
            audit.record(tenant, "feature.configured", feature, AuditDetails.settingNames(change.settings()));
        }
        if (change.enabled() != null) {
            states.setEnabled(tenant, feature, change.enabled());
            if (change.enabled()) {
                featureTemplates.provision(owner, target);
            }
            audit.record(tenant, change.enabled() ? "feature.enabled" : "feature.disabled", feature,
                    java.util.Map.of());
        }
        return view(tenant, target, states.enabledFeatures(tenant).contains(feature));
    }

    private FeatureView view(String tenant, Feature feature, boolean enabled) {
        return new FeatureView(feature.id(), feature.displayName(), enabled, feature.eventTypes(),
                SettingsSchema.of(feature.settingsType()).json(), settings.view(tenant, feature),
                panels.of(feature));
    }
}
