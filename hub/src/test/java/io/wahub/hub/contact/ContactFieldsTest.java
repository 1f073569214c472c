package io.wahub.hub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactFieldsTest {

    @Test
    void aNationalNumber_isReadInTheGivenCountry_andTheCountryOfAnInternationalOneIsDerived() {
        var national = ContactFields.check(new ContactFields.Input("(0151) 2345-6789", null, null, "de", null,
                null, null), true);
        var international = ContactFields.check(new ContactFields.Input("+351 912 345 678", null, "pt_BR", null,
                "America/Sao_Paulo", List.of(" vip ", "vip", ""), null), true);

        assertThat(national.valid().phone()).isEqualTo("+4915123456789");
        assertThat(national.valid().country()).isEqualTo("DE");
        assertThat(international.errors()).isEmpty();
        assertThat(international.valid().country()).isEqualTo("PT");
        assertThat(international.valid().tags()).containsExactly("vip");
    }

    @Test
    void anUpdateMayLeaveOutTheNumber_aNewContactMayNot() {
        var update = ContactFields.check(new ContactFields.Input(null, "Anna", null, null, null, null, null), false);
        var create = ContactFields.check(new ContactFields.Input(null, "Anna", null, null, null, null, null), true);

        assertThat(update.ok()).isTrue();
        assertThat(create.errors()).containsExactly(java.util.Map.entry("phone", "is required"));
    }

    @Test
    void region_withoutParsing_isWhatLibphonenumberFindsByParsing_forEveryRegionsExampleNumbers() {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        List<String> numbers = new java.util.ArrayList<>();
        for (String region : phones.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                var example = phones.getExampleNumberForType(region, type);
                if (example != null) {
                    numbers.add(phones.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
                }
            }
        }
        for (int code : phones.getSupportedGlobalNetworkCallingCodes()) {
            var example = phones.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                numbers.add(phones.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
            }
        }
        numbers.addAll(List.of("+4915112345678", "+14155550123", "+447911123456", "+8005551234", "+9991234567"));

        int answeredWithoutParsing = 0;
        for (String number : numbers) {
            String parsed;
            try {
                parsed = phones.getRegionCodeForNumber(phones.parse(number, "ZZ"));
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                parsed = null;
            }
            Optional<String> expected = parsed == null || parsed.equals("ZZ") || parsed.equals("001")
                    ? Optional.empty() : Optional.of(parsed);
            assertThat(ContactFields.region(number)).as(number).isEqualTo(expected);
            if (ContactFields.soleRegion(number) != null) {
                answeredWithoutParsing++;
            }
        }
        assertThat(numbers).hasSizeGreaterThan(1_000);
        assertThat(answeredWithoutParsing).as("numbers whose calling code has one region").isGreaterThan(500);
        assertThat(ContactFields.soleRegion("+4915112345678")).isEqualTo("DE");
        assertThat(ContactFields.soleRegion("+14155550123")).as("+1 is shared").isNull();
    }
}
