package io.wahub.plugins.drips;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.Contacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Contacts.Contact jon = new Contacts.Contact("+4915112345678", "Jon Doe", "de", "DE",
            "Europe/Berlin", List.of("vip"), Map.of("size", "M"), "api", null);

    @Test
    void fillsContactAndEventValues_withFallbacksForMissingOnes() {
        Map<String, String> filled = Placeholders.fill(Map.of(
                "greeting", "Hi {{contact.firstName}}",
                "size", "{{contact.attributes.size}}",
                "cart", "{{event.recoveryUrl}}",
                "order", "{{event.orderNumber|your order}}"), () -> jon, Map.of("recoveryUrl", "https://x/recover"));

        assertThat(filled).containsExactlyInAnyOrderEntriesOf(Map.of("greeting", "Hi Jon", "size", "M",
                "cart", "https://x/recover", "order", "your order"));
    }

    @Test
    void withoutAContact_contactPlaceholdersTakeTheirFallback() {
        assertThat(Placeholders.fill("{{contact.name|there}}, $1 \\ off", () -> null, Map.of()))
                .isEqualTo("there, $1 \\ off");
    }

    @Test
    void valuesNamingNoContactField_neverLookTheContactUp() {
        Map<String, String> filled = Placeholders.fill(Map.of("cart", "{{event.recoveryUrl}}", "plain", "Hello"),
                () -> {
                    throw new AssertionError("the contact was looked up");
                }, Map.of("recoveryUrl", "https://x/recover"));

        assertThat(filled).containsExactlyInAnyOrderEntriesOf(Map.of("cart", "https://x/recover", "plain", "Hello"));
    }

    @Test
    void namesContact_onlyWhenAValueHasAContactPlaceholder() {
        assertThat(Placeholders.namesContact(Map.of("a", "{{event.orderNumber}}", "b", "Hi {{ contact.name|there}}")))
                .isTrue();
        assertThat(Placeholders.namesContact(Map.of("a", "{{event.orderNumber}}", "b", "contact.name, plain")))
                .isFalse();
    }
}
