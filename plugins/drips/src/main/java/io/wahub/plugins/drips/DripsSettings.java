package io.wahub.plugins.drips;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A tenant's drip settings; {@code null} means the default.
 *
 * @param frequencyCap marketing messages all campaigns together send one contact within 7 days (default 3); a
 *                     send step over the cap is skipped for that contact and counted as {@code capped}
 */
public record DripsSettings(
        @Setting(label = "Marketing messages per contact per 7 days", help = "Across all campaigns; a step over"
                + " the cap is skipped for that contact", defaultValue = "3")
        @Min(1) @Max(50)
        Integer frequencyCap) {

    public DripsSettings {
        frequencyCap = frequencyCap == null ? 3 : frequencyCap;
    }

    static DripsSettings defaults() {
        return new DripsSettings(null);
    }
}
