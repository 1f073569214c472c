package io.wahub.plugins.packinglist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.testkit.FakeContext;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackingListFeatureTest {

    static final Instant NOW = Instant.parse("2026-05-24T08:11:15Z");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The payload the Shopify connector makes of its orders-create.json fixture. */
    static final String ORDER = """
            {"orderId":"820982911946154508","orderNumber":"#1001","currency":"EUR","total":"44.98",
             "customer":{"firstName":"Jon","lastName":"Doe","email":"jon@doe.ca","phone":"+4915112345678"},
             "lineItems":[{"sku":"TS-BLUE-M","title":"Blue T-Shirt (M)","quantity":2,"price":"19.99"},
                          {"sku":"SOCKS-01","title":"Socks","quantity":1,"price":"5.00"}],
             "shopName":"my-shop.myshopify.com"}""";

    final PackingListFeature feature = new PackingListFeature();

    @Test
    void sendsPackingListText_toACustomerInsideTheWindow_onOrderCreated() throws Exception {
        FakeContext context = FakeContext.of(PackingListSettings.defaults(), NOW);
        customerWroteAMinuteAgo(context);

        feature.onEvent(event("order.created", ORDER), context);

        assertThat(context.sent()).containsExactly(OutboundMessage.text("+4915112345678", MessageCategory.UTILITY,
                """
                Hi Jon, thanks for your order #1001!

                2 × Blue T-Shirt (M) — 19.99 EUR
                1 × Socks — 5.00 EUR

                Total: 44.98 EUR""", "packing-list:98880550-7158-44d4-b7cd-2c97c8a091b5"));
    }

    @Test
    void sendsTheUtilityTemplate_toACustomerOutsideTheWindow_withTheOrderAsVariables() throws Exception {
        FakeContext context = FakeContext.of(PackingListSettings.defaults(), NOW);

        feature.onEvent(event("order.created", ORDER), context);

        assertThat(context.sent()).containsExactly(new OutboundMessage("+4915112345678", MessageCategory.UTILITY,
                null, OutboundMessage.Template.named("order_packing_list", "en_US", Map.of(
                        "customer_name", "Jon", "order_number", "#1001",
                        "items", "2 × Blue T-Shirt (M) (19.99 EUR), 1 × Socks (5.00 EUR)", "total", "44.98 EUR")),
                "packing-list:98880550-7158-44d4-b7cd-2c97c8a091b5"));
    }

    @Test
    void templateOutsideTheWindow_isTheConfiguredOne_withoutPricesWhenTheyAreOff() throws Exception {
        ObjectNode order = (ObjectNode) JSON.readTree(ORDER);
        ((ObjectNode) order.get("customer")).remove("firstName");
        FakeContext context = FakeContext.of(new PackingListSettings(null, false, "pedido_preparado", "es"), NOW);

        feature.onEvent(event("order.created", order.toString()), context);

        OutboundMessage.Template template = context.sent().getFirst().template();
        assertThat(template.name()).isEqualTo("pedido_preparado");
        assertThat(template.language()).isEqualTo("es");
        assertThat(template.variables()).containsEntry("customer_name", "there")
                .containsEntry("items", "2 × Blue T-Shirt (M), 1 × Socks");
    }

    @Test
    void shipsItsDefaultTemplate_aUtilityTemplateWithAnExampleForEveryVariable() {
        var draft = feature.templates().getFirst();

        assertThat(draft.name()).isEqualTo("order_packing_list");
        assertThat(draft.category()).isEqualTo(MessageCategory.UTILITY);
        assertThat(draft.body()).isEqualTo("Hi {{customer_name}}, thanks for your order {{order_number}}! We are"
                + " packing: {{items}}. Total: {{total}}.");
        assertThat(draft.examples()).containsOnlyKeys("customer_name", "order_number", "items", "total");
    }

    @Test
    void usesConfiguredGreeting_asGiven() throws Exception {
        FakeContext context = FakeContext.of(new PackingListSettings("your order is on its way", true), NOW);
        customerWroteAMinuteAgo(context);

        feature.onEvent(event("order.created", ORDER), context);

        assertThat(context.sent().getFirst().text()).startsWith("Hi Jon, your order is on its way #1001!\n\n");
    }

    @Test
    void leavesOutItemPricesAndTotal_whenPricesAreOff() throws Exception {
        FakeContext context = FakeContext.of(new PackingListSettings(null, false), NOW);
        customerWroteAMinuteAgo(context);

        feature.onEvent(event("order.created", ORDER), context);

        assertThat(context.sent().getFirst().text()).isEqualTo("""
                Hi Jon, thanks for your order #1001!

                2 × Blue T-Shirt (M)
                1 × Socks""");
    }

    @Test
    void greetsWithoutName_whenCustomerHasNoFirstName() throws Exception {
        ObjectNode order = (ObjectNode) JSON.readTree(ORDER);
        ((ObjectNode) order.get("customer")).remove("firstName");
        FakeContext context = FakeContext.of(PackingListSettings.defaults(), NOW);
        customerWroteAMinuteAgo(context);

        feature.onEvent(event("order.created", order.toString()), context);

        assertThat(context.sent().getFirst().text()).startsWith("Hi, thanks for your order #1001!\n\n");
    }

    @Test
    void sendsNothing_whenCustomerHasNoPhone() throws Exception {
        ObjectNode order = (ObjectNode) JSON.readTree(ORDER);
        ((ObjectNode) order.get("customer")).remove("phone");
        FakeContext context = FakeContext.of(PackingListSettings.defaults(), NOW);

        feature.onEvent(event("order.created", order.toString()), context);

        assertThat(context.sent()).isEmpty();
    }

    @Test
    void sendsOnce_whenTheSameEventIsDeliveredTwice() throws Exception {
        FakeContext context = FakeContext.of(PackingListSettings.defaults(), NOW);

        feature.onEvent(event("order.created", ORDER), context);
        feature.onEvent(event("order.created", ORDER), context);

        assertThat(context.sent()).hasSize(1);
    }

    @Test
    void ignoresOtherEventTypes() throws Exception {
        FakeContext context = FakeContext.of(PackingListSettings.defaults(), NOW);

        feature.onEvent(event("order.paid", ORDER), context);

        assertThat(context.sent()).isEmpty();
        assertThat(feature.eventTypes()).containsExactly("order.created");
    }

    @Test
    void usesDefaults_whenTenantSavedNoSettings() throws Exception {
        FakeContext context = new FakeContext("t1", null, Clock.fixed(NOW, ZoneOffset.UTC));
        customerWroteAMinuteAgo(context);

        feature.onEvent(event("order.created", ORDER), context);

        assertThat(context.sent().getFirst().text()).endsWith("\n\nTotal: 44.98 EUR");
    }

    private static void customerWroteAMinuteAgo(FakeContext context) {
        context.contacts().received("+4915112345678", NOW.minusSeconds(60));
    }

    @Test
    void treatsNullSettingsFromJson_asDefaults() throws Exception {
        PackingListSettings bound = JSON.readValue("{\"greeting\":null}", PackingListSettings.class);

        assertThat(bound).isEqualTo(new PackingListSettings("thanks for your order", true));
    }

    @Test
    void describesItself_forTheAdminPanel() {
        assertThat(feature.id()).isEqualTo("packing-list");
        assertThat(feature.displayName()).isEqualTo("Order confirmation & packing list");
        assertThat(feature.settingsType()).isEqualTo(PackingListSettings.class);
    }

    static CanonicalEvent event(String type, String payload) throws Exception {
        return new CanonicalEvent("t1", type, "shopify", "98880550-7158-44d4-b7cd-2c97c8a091b5", NOW,
                (ObjectNode) JSON.readTree(payload));
    }

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        // test compilation writes an empty index of its own, so read every one on the class path
        StringBuilder indexes = new StringBuilder();
        for (URL index : Collections.list(PackingListFeatureTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).as("extensions.idx written by PF4J's annotation processor")
                .contains(PackingListFeature.class.getName());
    }
}
