package io.wahub.plugins.otp;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.wahub.sdk.PhoneNumbers;
import java.util.Optional;

/**
 * A number codes are sent to, as the fraud guard sees it: E.164, its country (ISO 3166, {@code 001} for
 * non-geographic numbers) and its prefix, the number without its last 4 digits (numbers an OTP-pumping attacker
 * rents come in such ranges).
 */
record Recipient(String number, String country, String prefix) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** The recipient for an E.164 number WhatsApp could reach; empty for anything else. */
    static Optional<Recipient> parse(String e164) {
        if (!PhoneNumbers.isE164(e164)) {
            return Optional.empty();
        }
        try {
            var number = PHONES.parse(e164, "ZZ");
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new Recipient(e164, PHONES.getRegionCodeForNumber(number),
                    e164.substring(0, e164.length() - 4)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
