package io.wahub.sdk;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;
import java.util.regex.Pattern;

/** Phone number normalisation shared by all connectors (backed by Google's libphonenumber). */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private PhoneNumbers() {
    }

    /**
     * Normalises a phone number as typed by a shopper to E.164.
     *
     * @param raw           the number as entered, for example {@code "(030) 1234 5678"} or {@code "+1 613-555-0108"}
     * @param defaultRegion ISO 3166 country code used when the number has no country prefix (the shop's country);
     *                      may be {@code null}
     * @return the E.164 form, or empty when the input is blank or not a valid number
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.toUpperCase();
        String input = raw.strip().startsWith("00") ? "+" + raw.strip().substring(2) : raw.strip();
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(input, region);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code number} has the shape of an E.164 number: {@code +}, then 7 to 15 digits, the first not 0. */
    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }
}
