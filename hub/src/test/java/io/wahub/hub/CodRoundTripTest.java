package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cash-on-delivery round trip through the real path: a store's order webhook → the confirmation template with
 * Confirm / Cancel quick replies to the Cloud API → the customer's button reply webhook → the order confirmed (or
 * cancelled) → written back to the store (Shopify tag, WooCommerce status and note), all asserted on WireMock.
 */
class CodRoundTripTest extends CodTestBase {

    @Test
    void shopifyCodOrder_askedWithQuickReplies_confirmedByTemplateButton_taggedInShopify() {
        Shop shop = codTenant("cod-shopify", null);
        connectShopify(shop);
        shopifyAcceptsTags(shop);
        long orderId = 5_100_000_001L;

        shopifyOrder(shop, "orders/create", orderId);
        JsonNode scheduled = confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(10).plusSeconds(1));
        JsonNode question = sent(shop, 1).getFirst();
        confirmation(shop, "" + orderId, status("awaiting"));
        later(Duration.ofMinutes(3));
        tap(shop, "cod:shopify:" + orderId + ":confirm", true);
        JsonNode confirmed = confirmation(shop, "" + orderId,
                c -> c.get("writeBack").get("status").asText().equals("done"));

        assertThat(scheduled.get("source").asText()).isEqualTo("shopify");
        assertThat(question.get("to").asText()).isEqualTo("4915112345678");
        assertThat(question.get("template")).isEqualTo(readJson("""
                {"name":"cod_order_confirmation","language":{"code":"en_US"},"components":[
                 {"type":"body","parameters":[
                   {"type":"text","parameter_name":"first_name","text":"Jon"},
                   {"type":"text","parameter_name":"order_number","text":"#1001"},
                   {"type":"text","parameter_name":"total","text":"44.98 EUR"}]},
                 {"type":"button","sub_type":"quick_reply","index":"0","parameters":[
                   {"type":"payload","payload":"cod:shopify:%d:confirm"}]},
                 {"type":"button","sub_type":"quick_reply","index":"1","parameters":[
                   {"type":"payload","payload":"cod:shopify:%d:cancel"}]}]}""".formatted(orderId, orderId)));
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.get("answer").asText()).isEqualTo("confirm");
        assertThat(confirmed.get("resolvedBy").asText()).isEqualTo("customer");
        assertThat(confirmed.get("answerSeconds").asLong()).isBetween(175L, 240L);
        vendor.verify(1, postRequestedFor(urlEqualTo(shop.base() + GRAPHQL))
                .withHeader("X-Shopify-Access-Token", equalTo(ADMIN_TOKEN))
                .withRequestBody(equalToJson("""
                        {"variables":{"id":"gid://shopify/Order/%d","tags":["cod-confirmed"]}}""".formatted(orderId),
                        false, true)));
        List<JsonNode> messages = sent(shop, 2);
        assertThat(messages.get(1).get("text").get("body").asText())
                .isEqualTo("Thank you! Your order #1001 is confirmed and will be on its way soon.");
        JsonNode stats = get(cod(shop.tenant(), "/stats")).json();
        assertThat(stats.get("total").asLong()).isEqualTo(1);
        assertThat(stats.get("confirmedByCustomer").asLong()).isEqualTo(1);
        assertThat(stats.get("confirmationRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(stats.get("medianAnswerSeconds").asLong()).isEqualTo(confirmed.get("answerSeconds").asLong());
        assertThat(stats.get("p90AnswerSeconds").asLong()).isEqualTo(confirmed.get("answerSeconds").asLong());
    }

    @Test
    void wooCodOrder_cancelledByInteractiveReply_statusAndNoteWrittenToWooCommerce() throws Exception {
        Shop shop = codTenant("cod-woo", null);
        connectWoo(shop);
        vendor.stubFor(WireMock.put(urlEqualTo(shop.base() + "/wp-json/wc/v3/orders/727"))
                .willReturn(WireMock.okJson("{\"id\":727,\"status\":\"cancelled\"}")));
        vendor.stubFor(WireMock.post(urlEqualTo(shop.base() + "/wp-json/wc/v3/orders/727/notes"))
                .willReturn(WireMock.jsonResponse("{\"id\":1}", 201)));
        byte[] order = Files.readString(Path.of(getClass().getResource("/woocommerce/order-processing.json").toURI()))
                .replace("\"payment_method\":\"bacs\"", "\"payment_method\":\"cod\"").getBytes(StandardCharsets.UTF_8);

        postWoo(shop, "order.created", order);
        confirmation(shop, "727", status("scheduled"));
        later(Duration.ofMinutes(11));
        sent(shop, 1);
        confirmation(shop, "727", status("awaiting"));
        tap(shop, "cod:woocommerce:727:cancel", false);
        JsonNode cancelled = confirmation(shop, "727", c -> c.get("writeBack").get("status").asText().equals("done"));

        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("answer").asText()).isEqualTo("cancel");
        vendor.verify(1, putRequestedFor(urlEqualTo(shop.base() + "/wp-json/wc/v3/orders/727"))
                .withHeader("Authorization", equalTo("Basic Y2tfY29kOmNzX2NvZA=="))
                .withRequestBody(equalToJson("{\"status\":\"cancelled\"}")));
        vendor.verify(1, postRequestedFor(urlEqualTo(shop.base() + "/wp-json/wc/v3/orders/727/notes"))
                .withRequestBody(equalToJson(
                        "{\"note\":\"Cash on delivery order cancelled by the customer on WhatsApp.\"}")));
        assertThat(sent(shop, 2).get(1).get("text").get("body").asText())
                .isEqualTo("Your order #727 is cancelled. Thank you for letting us know.");
    }

    @Test
    void sandboxTenant_tapInTheSandbox_confirmsTheOrder_andTagsItInShopify() {
        Shop shop = codTenant("cod-sandbox", null, false);
        connectShopify(shop);
        shopifyAcceptsTags(shop);
        long orderId = 5_100_000_004L;

        shopifyOrder(shop, "orders/create", orderId);
        confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(11));
        confirmation(shop, "" + orderId, status("awaiting"));
        Response notAPayload = post("/api/v1/tenants/" + shop.tenant() + "/sandbox/replies",
                "{\"from\":\"+4915112345678\",\"text\":\"hi\",\"buttonPayload\":\"x\"}");
        Response tapped = post("/api/v1/tenants/" + shop.tenant() + "/sandbox/replies",
                "{\"from\":\"+4915112345678\",\"buttonPayload\":\"cod:shopify:" + orderId + ":confirm\"}");
        JsonNode confirmed = confirmation(shop, "" + orderId,
                c -> c.get("writeBack").get("status").asText().equals("done"));

        expectProblem(notAPayload, 422, "invalid-request");
        assertThat(notAPayload.json().get("errors").get("buttonPayload").asText())
                .isEqualTo("give either text or buttonPayload");
        assertThat(tapped.status()).as(tapped.body()).isEqualTo(202);
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        vendor.verify(1, postRequestedFor(urlEqualTo(shop.base() + GRAPHQL)).withRequestBody(equalToJson("""
                {"variables":{"id":"gid://shopify/Order/%d","tags":["cod-confirmed"]}}""".formatted(orderId),
                false, true)));
    }

    @Test
    void sandboxReply_toATenantOnTheCloudApi_isRefused() {
        Shop shop = codTenant("cod-not-sandbox", null);

        expectProblem(post("/api/v1/tenants/" + shop.tenant() + "/sandbox/replies",
                "{\"from\":\"+4915112345678\",\"text\":\"hi\"}"), 409, "not-sandbox");
    }

    @Test
    void orderNotPaidCashOnDelivery_isNotAsked() {
        Shop shop = codTenant("cod-prepaid", null);
        connectShopify(shop);
        postShopify(shop.tenant(), "orders/create", "evt-prepaid", shopifyOrder(5_100_000_002L)
                .getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, "cod-shop.myshopify.com");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/tenants/"
                + shop.tenant() + "/events").json().findValuesAsText("status").stream().allMatch("done"::equals)
                && !get("/api/v1/tenants/" + shop.tenant() + "/events").json().isEmpty());

        assertThat(get(cod(shop.tenant(), "/confirmations")).json()).isEmpty();
        expectProblem(get(cod(shop.tenant(), "/confirmations/5100000002")), 404, "not-found");
    }

    @Test
    void confirmationsOfOneTenant_areInvisibleToAnother_andABadFilterIsAFieldError() {
        Shop a = codTenant("cod-iso-a", null);
        Shop b = codTenant("cod-iso-b", null);
        connectShopify(a);
        shopifyOrder(a, "orders/create", 5_100_000_003L);
        confirmation(a, "5100000003", status("scheduled"));

        expectProblem(get(cod(b.tenant(), "/confirmations/5100000003")), 404, "not-found");
        assertThat(get(cod(b.tenant(), "/confirmations")).json()).isEmpty();
        assertThat(get(cod(b.tenant(), "/stats")).json().get("total").asLong()).isZero();
        assertThat(get(cod(a.tenant(), "/confirmations?status=scheduled")).json()).hasSize(1);
        Response bad = get(cod(a.tenant(), "/confirmations?status=maybe&limit=0"));
        expectProblem(bad, 422, "invalid-request");
        assertThat(bad.json().get("errors").get("status").asText())
                .isEqualTo("one of scheduled, awaiting, confirmed, cancelled, needs-attention, cancelled-in-store");
        assertThat(bad.json().get("errors").get("limit").asText()).isEqualTo("a whole number from 1 to 500");
    }
}
