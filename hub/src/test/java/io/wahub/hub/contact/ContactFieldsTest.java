package io.wahub.hub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
