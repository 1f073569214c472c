package io.wahub.plugins.cod;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * A tenant's cash-on-delivery confirmation settings; {@code null} means the default given with each.
 *
 * @param delayMinutes       how long after the order the customer is asked, 0–1440 (default 10)
 * @param reminderHours      how long without an answer before the one reminder, 1–168 (default 12)
 * @param finalHours         how long after the reminder without an answer before {@code noAnswer} applies, 1–168
 *                           (default 12)
 * @param noAnswer           {@value #CANCEL}: cancel the order (and write it back), or {@value #HAND_OVER}: leave it
 *                           to a person (status {@code needs-attention})
 * @param templateName       the UTILITY template with two quick-reply buttons, Confirm then Cancel (default
 *                           {@value CodTemplate#NAME}, shipped with the plugin)
 * @param templateLanguage   its language (default {@value CodTemplate#LANGUAGE})
 * @param writeBackAttempts  tries to write an answer back to the store before giving up, 1–20 (default 6); waits
 *                           1, 2, 4 … minutes between tries, at most an hour
 */
public record CodSettings(
        @Setting(label = "Ask after (minutes)", help = "How long after the order the customer is asked",
                defaultValue = "10")
        @Min(0) @Max(1440)
        Integer delayMinutes,

        @Setting(label = "Reminder after (hours)", help = "Without an answer, one reminder this long after asking",
                defaultValue = "12")
        @Min(1) @Max(168)
        Integer reminderHours,

        @Setting(label = "Give up after (hours)", help = "Without an answer this long after the reminder, the"
                + " order is cancelled or handed to a person", defaultValue = "12")
        @Min(1) @Max(168)
        Integer finalHours,

        @Setting(label = "Without an answer", help = "Cancel the order in the store, or leave it to a person",
                options = {CodSettings.CANCEL, CodSettings.HAND_OVER}, defaultValue = CodSettings.CANCEL)
        @Pattern(regexp = CodSettings.CANCEL + "|" + CodSettings.HAND_OVER)
        String noAnswer,

        @Setting(label = "Template", help = "UTILITY template with quick-reply buttons Confirm, Cancel",
                defaultValue = CodTemplate.NAME)
        @Pattern(regexp = "[a-z0-9_]{1,512}")
        String templateName,

        @Setting(label = "Template language", defaultValue = CodTemplate.LANGUAGE)
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?")
        String templateLanguage,

        @Setting(label = "Write-back tries", help = "Tries to tag or update the order in the store before the"
                + " failure is shown", defaultValue = "6")
        @Min(1) @Max(20)
        Integer writeBackAttempts) {

    public static final String CANCEL = "cancel";
    public static final String HAND_OVER = "hand-over";

    public CodSettings {
        delayMinutes = delayMinutes == null ? 10 : delayMinutes;
        reminderHours = reminderHours == null ? 12 : reminderHours;
        finalHours = finalHours == null ? 12 : finalHours;
        noAnswer = noAnswer == null || noAnswer.isBlank() ? CANCEL : noAnswer.strip();
        templateName = templateName == null || templateName.isBlank() ? CodTemplate.NAME : templateName.strip();
        templateLanguage = templateLanguage == null || templateLanguage.isBlank() ? CodTemplate.LANGUAGE
                : templateLanguage.strip();
        writeBackAttempts = writeBackAttempts == null ? 6 : writeBackAttempts;
    }

    /** Every setting at its default. */
    public static CodSettings defaults() {
        return new CodSettings(null, null, null, null, null, null, null);
    }
}
