package io.wahub.hub.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.wahub.sdk.PhoneNumbers;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A contact's fields as given by a caller (API, CSV line, feature), checked and normalised once for all of them:
 * the number to E.164 (a number without a country prefix is read in the given country), the country in upper case
 * and derived from the number when not given, a known time zone, a language tag, tags of at most 64 characters.
 * Problems are keyed by field, in the API's field names.
 */
public final class ContactFields {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final int MAX_TAGS = 50;
    static final int MAX_TEXT = 200;

    /** Fields as given; {@code null} means "not given". */
    public record Input(String phone, String name, String language, String country, String timeZone,
                       List<String> tags, Map<String, Object> attributes) {
    }

    /** The checked fields: {@code phone} is E.164; the others {@code null} when not given. */
    public record Valid(String phone, String name, String language, String country, String timeZone,
                        List<String> tags, Map<String, Object> attributes) {
    }

    /** The outcome: the valid fields, or the problems keyed by field. */
    public record Checked(Valid valid, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private ContactFields() {
    }

    /**
     * Checks {@code input}.
     *
     * @param phoneRequired false for an update, whose number may be left out
     */
    public static Checked check(Input input, boolean phoneRequired) {
        Map<String, String> errors = new LinkedHashMap<>();
        String country = blankToNull(input.country());
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(country)) {
                errors.put("country", "not an ISO 3166 country code: " + input.country());
                country = null;
            }
        }
        String phone = null;
        if (blankToNull(input.phone()) == null) {
            if (phoneRequired) {
                errors.put("phone", "is required");
            }
        } else {
            phone = PhoneNumbers.toE164(input.phone(), country).orElse(null);
            if (phone == null) {
                errors.put("phone", "not a valid phone number: " + input.phone()
                        + (country == null ? " (give it with its country prefix, e.g. +49…)" : ""));
            } else if (country == null && blankToNull(input.country()) == null) {
                country = region(phone).orElse(null);
            }
        }
        String language = blankToNull(input.language());
        if (language != null && !language.matches("[a-zA-Z]{2,3}([_-][a-zA-Z0-9]{2,8})?")) {
            errors.put("language", "not a language tag such as de or pt_BR: " + language);
        }
        String timeZone = blankToNull(input.timeZone());
        if (timeZone != null) {
            try {
                timeZone = ZoneId.of(timeZone).getId();
            } catch (DateTimeException e) {
                errors.put("timeZone", "not a time zone such as Europe/Berlin: " + timeZone);
            }
        }
        String name = blankToNull(input.name());
        if (name != null && name.length() > MAX_TEXT) {
            errors.put("name", "longer than " + MAX_TEXT + " characters");
        }
        List<String> tags = input.tags() == null ? null
                : input.tags().stream().map(ContactFields::blankToNull).filter(t -> t != null).distinct().toList();
        if (tags != null && (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 64))) {
            errors.put("tags", "at most " + MAX_TAGS + " tags of at most 64 characters each");
        }
        return new Checked(new Valid(phone, name, language, country, timeZone, tags, input.attributes()), errors);
    }

    /**
     * The ISO 3166 region of an E.164 number ({@code +49…} → {@code DE}), if libphonenumber knows one. A country
     * calling code that belongs to one region alone ({@code +49}, not {@code +1} or {@code +44}) answers without
     * parsing the number, as {@link PhoneNumberUtil#getRegionCodeForNumber} itself would: parsing ran several regular
     * expressions per order event, 8 % of dispatch's CPU.
     */
    public static Optional<String> region(String e164) {
        String region = PhoneNumbers.isE164(e164) ? soleRegion(e164) : null;
        if (region == null) {
            try {
                region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, "ZZ"));
            } catch (NumberParseException e) {
                return Optional.empty();
            }
        }
        return region == null || region.equals("ZZ") || region.equals("001") ? Optional.empty()
                : Optional.of(region);
    }

    /**
     * The one region of the number's country calling code (codes are prefix-free: one of its first three digits'
     * prefixes is a code), or null when the code is shared by several regions or unknown.
     */
    static String soleRegion(String e164) {
        for (int digits = 1; digits <= 3; digits++) {
            List<String> regions = PHONES.getRegionCodesForCountryCode(Integer.parseInt(e164.substring(1, 1 + digits)));
            if (!regions.isEmpty()) {
                return regions.size() == 1 ? regions.getFirst() : null;
            }
        }
        return null;
    }

    /** A number the SDK's contract allows ({@code +} and 7-15 digits), else an {@link IllegalArgumentException}. */
    static String requireE164(String phone) {
        if (!PhoneNumbers.isE164(phone)) {
            throw new IllegalArgumentException("not an E.164 number: " + phone);
        }
        return phone;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
