package io.wahub.hub.feature.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.settings.SettingsSchema;
import io.wahub.sdk.Feature;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The panel pages a feature declares ({@link FeaturePanel}), as the features listing shows them: as declared, but
 * each create form as the JSON Schema of its record (the same schema settings forms are drawn from).
 */
@Component
public class FeaturePanels {

    /** A resource as the panel reads it. */
    public record ResourceView(String id, String title, PanelResource.Listing list, PanelResource.Detail detail,
                               List<PanelResource.Action> actions, FormView create) {
    }

    /** A create form: where to post it, and the JSON Schema to draw it from. */
    public record FormView(String path, ObjectNode schema) {
    }

    /** The feature's resources; null when it declares no panel. */
    public List<ResourceView> of(Feature feature) {
        if (!(feature instanceof FeaturePanel panel)) {
            return null;
        }
        return panel.resources().stream().map(r -> new ResourceView(r.id(), r.title(), r.list(), r.detail(),
                r.actions(), r.create() == null ? null
                : new FormView(r.create().path(), SettingsSchema.of(r.create().fields()).json()))).toList();
    }
}
