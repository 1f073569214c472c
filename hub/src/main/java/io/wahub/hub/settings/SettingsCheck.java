package io.wahub.hub.settings;

import java.util.Map;

/** A check of settings being saved beyond their Bean Validation constraints (beans of this type are all run). */
public interface SettingsCheck {

    /**
     * Adds a message to {@code errors}, keyed by the field's name, for each field it refuses.
     *
     * @param settings the settings as they would be stored, defaults applied and secrets included
     */
    void check(Record settings, Map<String, String> errors);
}
