package io.wahub.plugins.otp;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's OTP settings; {@code null} (or an empty list) means the default given with each.
 *
 * @param codeLength          digits per code, 4–10 (default 6)
 * @param expiryMinutes       how long a code is valid, 1–90 (default 5; Meta's {@code code_expiration_minutes}
 *                            range)
 * @param maxChecks           wrong codes allowed before the verification is locked, 1–10 (default 5)
 * @param sendsPerNumber      codes sent to one number within 10 minutes, resends included, 1–20 (default 5)
 * @param purposes            what a verification may be for (default signup, login, reset)
 * @param templateName        the tenant's approved AUTHENTICATION template (default {@value #DEFAULT_TEMPLATE})
 * @param templateLanguage    its language (default {@value #DEFAULT_LANGUAGE})
 * @param allowedCountries    ISO 3166 country codes codes may be sent to; empty: every country
 * @param prefixSendsPerHour  fraud guard: codes sent within an hour to numbers sharing all but their last 4 digits
 *                            (default 20)
 * @param countrySendsPerHour fraud guard: codes sent within an hour to one country (default 1000)
 */
public record OtpSettings(
        @Setting(label = "Code length", help = "Digits per code", defaultValue = "6")
        @Min(4) @Max(10)
        Integer codeLength,

        @Setting(label = "Code expiry (minutes)", help = "A code is valid this long; the message is never delivered"
                + " later", defaultValue = "5")
        @Min(1) @Max(90)
        Integer expiryMinutes,

        @Setting(label = "Checks per code", help = "Wrong codes allowed before the verification is locked",
                defaultValue = "5")
        @Min(1) @Max(10)
        Integer maxChecks,

        @Setting(label = "Codes per number per 10 minutes", help = "Resends included; more answer 429",
                defaultValue = "5")
        @Min(1) @Max(20)
        Integer sendsPerNumber,

        @Setting(label = "Purposes", help = "What a verification may be for; empty: signup, login, reset")
        @Size(max = 20)
        List<@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,39}") String> purposes,

        @Setting(label = "Authentication template", help = "Name of your approved AUTHENTICATION template"
                + " (copy-code button)", defaultValue = OtpSettings.DEFAULT_TEMPLATE)
        @Pattern(regexp = "[a-z0-9_]{1,512}")
        String templateName,

        @Setting(label = "Template language", defaultValue = OtpSettings.DEFAULT_LANGUAGE)
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?")
        String templateLanguage,

        @Setting(label = "Allowed countries", help = "ISO country codes (DE, FR, …) codes may be sent to; empty:"
                + " every country")
        @Size(max = 250)
        List<@Pattern(regexp = "[A-Za-z]{2}") String> allowedCountries,

        @Setting(label = "Codes per number prefix per hour", help = "Fraud guard against OTP pumping: numbers"
                + " sharing all but their last 4 digits", defaultValue = "20")
        @Min(1) @Max(100000)
        Integer prefixSendsPerHour,

        @Setting(label = "Codes per country per hour", help = "Fraud guard against OTP pumping",
                defaultValue = "1000")
        @Min(1) @Max(10000000)
        Integer countrySendsPerHour) {

    public static final String DEFAULT_TEMPLATE = "verification_code";
    public static final String DEFAULT_LANGUAGE = "en_US";
    public static final List<String> DEFAULT_PURPOSES = List.of("signup", "login", "reset");

    public OtpSettings {
        codeLength = codeLength == null ? 6 : codeLength;
        expiryMinutes = expiryMinutes == null ? 5 : expiryMinutes;
        maxChecks = maxChecks == null ? 5 : maxChecks;
        sendsPerNumber = sendsPerNumber == null ? 5 : sendsPerNumber;
        purposes = purposes == null || purposes.isEmpty() ? DEFAULT_PURPOSES : List.copyOf(purposes);
        templateName = templateName == null || templateName.isBlank() ? DEFAULT_TEMPLATE : templateName.strip();
        templateLanguage = templateLanguage == null || templateLanguage.isBlank() ? DEFAULT_LANGUAGE
                : templateLanguage.strip();
        allowedCountries = allowedCountries == null ? List.of()
                : allowedCountries.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).toList();
        prefixSendsPerHour = prefixSendsPerHour == null ? 20 : prefixSendsPerHour;
        countrySendsPerHour = countrySendsPerHour == null ? 1000 : countrySendsPerHour;
    }

    /** Every setting at its default. */
    public static OtpSettings defaults() {
        return new OtpSettings(null, null, null, null, null, null, null, null, null, null);
    }
}
