package io.wahub.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wahub.sdk.Contacts;
import io.wahub.sdk.MessageCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeContactsTest {

    static final Instant NOW = Instant.parse("2026-05-24T08:00:00Z");
    static final String ANNA = "+4915112345678";

    final FakeContext context = new FakeContext("t1", null, Clock.fixed(NOW, ZoneOffset.UTC));
    final Contacts contacts = context.contacts();

    @Test
    void upsert_createsThenReplacesTagsAndMergesAttributes() {
        contacts.upsert(new Contacts.Update(ANNA, "Anna", "de", List.of("a"), Map.of("tier", "gold", "city", "Bonn")));
        Map<String, Object> change = new HashMap<>();
        change.put("city", null);
        change.put("size", "M");

        Contacts.Contact updated = contacts.upsert(new Contacts.Update(ANNA, null, null, List.of("b"), change));

        assertThat(updated).isEqualTo(new Contacts.Contact(ANNA, "Anna", "de", null, null, List.of("b"),
                Map.of("tier", "gold", "size", "M"), "feature", null));
        assertThat(contacts.find(ANNA)).contains(updated);
        assertThat(contacts.find("+4915100000000")).isEmpty();
    }

    @Test
    void marketingNeedsAnOptIn_otherCategoriesOnlyStopOnTheirOwnOptOut_andOlderDecisionsLose() {
        Contacts.Consent none = contacts.consent(ANNA, MessageCategory.MARKETING);
        contacts.optIn(ANNA, MessageCategory.MARKETING, "form", NOW.minusSeconds(60));
        contacts.optOut(ANNA, MessageCategory.MARKETING, "keyword", NOW.minusSeconds(30));
        contacts.optIn(ANNA, MessageCategory.MARKETING, "late-retry", NOW.minusSeconds(60));

        assertThat(none).isEqualTo(new Contacts.Consent(MessageCategory.MARKETING, false, "none", null, null));
        assertThat(contacts.consent(ANNA, MessageCategory.MARKETING)).isEqualTo(new Contacts.Consent(
                MessageCategory.MARKETING, false, "opted-out", "keyword", NOW.minusSeconds(30)));
        assertThat(contacts.consent(ANNA, MessageCategory.UTILITY).allowed()).isTrue();
        assertThat(contacts.consent(ANNA, MessageCategory.AUTHENTICATION).allowed()).isTrue();
    }

    @Test
    void windowIsOpenFor24HoursAfterTheCustomerWrote() {
        context.contacts().received(ANNA, NOW.minus(Duration.ofHours(24)).plusSeconds(1))
                .received("+4915100000001", NOW.minus(Duration.ofHours(24)));

        assertThat(contacts.windowOpen(ANNA)).isTrue();
        assertThat(contacts.windowOpen("+4915100000001")).isFalse();
        assertThat(contacts.windowOpen("+4915100000002")).isFalse();
        assertThat(contacts.find(ANNA).orElseThrow().windowOpenUntil()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void numbersMustBeE164() {
        assertThatThrownBy(() -> contacts.find("0151 1234")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an E.164 number: 0151 1234");
    }
}
