package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cash-on-delivery confirmations that do not go the happy way: nobody answers (a reminder, then the order is
 * cancelled and tagged in Shopify), a reply after the store cancelled the order (answered politely, not applied),
 * and a store that refuses the write-back for a while or for good (retried on the durable timer, then shown as
 * failed in the API).
 */
class CodNoAnswerAndFailuresTest extends CodTestBase {

    @Test
    void noAnswer_remindedAfterReminderHours_thenAutoCancelled_andTaggedCancelledInShopify() {
        Shop shop = codTenant("cod-silent", "{\"reminderHours\":2,\"finalHours\":3}");
        connectShopify(shop);
        shopifyAcceptsTags(shop);
        long orderId = 5_200_000_001L;

        shopifyOrder(shop, "orders/create", orderId);
        confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(11));
        sent(shop, 1);
        JsonNode asked = confirmation(shop, "" + orderId, status("awaiting"));
        later(Duration.ofHours(2));
        List<JsonNode> reminded = sent(shop, 2);
        confirmation(shop, "" + orderId, c -> c.has("remindedAt"));
        later(Duration.ofHours(3));
        JsonNode cancelled = confirmation(shop, "" + orderId,
                c -> c.get("writeBack").get("status").asText().equals("done"));

        assertThat(asked.has("remindedAt")).isFalse();
        assertThat(reminded).hasSize(2);
        assertThat(reminded.get(1).get("template").get("name").asText()).isEqualTo("cod_order_confirmation");
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("resolvedBy").asText()).isEqualTo("no-answer");
        assertThat(cancelled.has("answer")).isFalse();
        vendor.verify(1, postRequestedFor(urlEqualTo(shop.base() + GRAPHQL)).withRequestBody(equalToJson("""
                {"variables":{"id":"gid://shopify/Order/%d","tags":["cod-cancelled"]}}""".formatted(orderId),
                false, true)));
        JsonNode stats = get(cod(shop.tenant(), "/stats")).json();
        assertThat(stats.get("noAnswer").asLong()).isEqualTo(1);
        assertThat(stats.get("confirmationRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(stats.get("medianAnswerSeconds").isNull()).isTrue();
    }

    @Test
    void noAnswer_withHandOver_isLeftToAPerson_andNothingIsWrittenBack() {
        Shop shop = codTenant("cod-handover", "{\"reminderHours\":1,\"finalHours\":1,\"noAnswer\":\"hand-over\"}");
        connectShopify(shop);
        long orderId = 5_200_000_002L;

        shopifyOrder(shop, "orders/create", orderId);
        confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(11));
        confirmation(shop, "" + orderId, status("awaiting"));
        later(Duration.ofHours(1));
        confirmation(shop, "" + orderId, c -> c.has("remindedAt"));
        later(Duration.ofHours(1));
        JsonNode handed = confirmation(shop, "" + orderId, status("needs-attention"));

        assertThat(handed.get("writeBack").get("status").asText()).isEqualTo("none");
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo(shop.base() + GRAPHQL)))).isEmpty();
    }

    @Test
    void replyAfterTheStoreCancelledTheOrder_isAnsweredPolitely_andNotApplied() {
        Shop shop = codTenant("cod-late", null);
        connectShopify(shop);
        shopifyAcceptsTags(shop);
        long orderId = 5_200_000_003L;

        shopifyOrder(shop, "orders/create", orderId);
        confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(11));
        sent(shop, 1);
        confirmation(shop, "" + orderId, status("awaiting"));
        shopifyOrder(shop, "orders/cancelled", orderId);
        confirmation(shop, "" + orderId, status("cancelled-in-store"));
        tap(shop, "cod:shopify:" + orderId + ":confirm", true);
        JsonNode after = confirmation(shop, "" + orderId, c -> c.get("lateReplies").asInt() == 1);

        assertThat(after.get("status").asText()).isEqualTo("cancelled-in-store");
        assertThat(after.has("answer")).isFalse();
        assertThat(sent(shop, 2).get(1).get("text").get("body").asText()).isEqualTo("Thank you for your answer."
                + " Your order #1001 was already cancelled, so we could not apply it. Reply to this message if you"
                + " need help and we will get back to you.");
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo(shop.base() + GRAPHQL)))).isEmpty();
    }

    @Test
    void writeBackFailingOnce_isRetriedAfterABackOff_andThenDone() {
        Shop shop = codTenant("cod-retry", null);
        connectShopify(shop);
        String path = shop.base() + GRAPHQL;
        vendor.stubFor(WireMock.post(urlEqualTo(path)).inScenario(shop.tenant()).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.aResponse().withStatus(503).withBody("{\"errors\":\"Service unavailable\"}"))
                .willSetStateTo("up"));
        vendor.stubFor(WireMock.post(urlEqualTo(path)).inScenario(shop.tenant()).whenScenarioStateIs("up")
                .willReturn(WireMock.okJson("{\"data\":{\"tagsAdd\":{\"node\":{\"id\":\"x\"},\"userErrors\":[]}}}")));
        long orderId = 5_200_000_004L;

        shopifyOrder(shop, "orders/create", orderId);
        confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(11));
        confirmation(shop, "" + orderId, status("awaiting"));
        tap(shop, "cod:shopify:" + orderId + ":confirm", true);
        JsonNode failedOnce = confirmation(shop, "" + orderId,
                c -> c.get("writeBack").get("attempts").asInt() == 1);
        later(Duration.ofMinutes(1).plusSeconds(1));
        JsonNode done = confirmation(shop, "" + orderId, c -> c.get("writeBack").get("status").asText().equals("done"));

        assertThat(failedOnce.get("writeBack").get("status").asText()).isEqualTo("pending");
        assertThat(failedOnce.get("writeBack").get("error").asText())
                .isEqualTo("http-503: Shopify answered HTTP 503: Service unavailable");
        assertThat(done.get("writeBack").get("attempts").asInt()).isEqualTo(2);
        assertThat(done.get("status").asText()).isEqualTo("confirmed");
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);
    }

    @Test
    void writeBackFailingForGood_isShownAsFailedInTheApi_andCounted_untilTriedAgainByHand() {
        Shop shop = codTenant("cod-broken", "{\"writeBackAttempts\":2}");
        connectShopify(shop);
        String path = shop.base() + GRAPHQL;
        vendor.stubFor(WireMock.post(urlEqualTo(path))
                .willReturn(WireMock.aResponse().withStatus(503).withBody("{\"errors\":\"Service unavailable\"}")));
        long orderId = 5_200_000_005L;

        shopifyOrder(shop, "orders/create", orderId);
        confirmation(shop, "" + orderId, status("scheduled"));
        later(Duration.ofMinutes(11));
        confirmation(shop, "" + orderId, status("awaiting"));
        tap(shop, "cod:shopify:" + orderId + ":confirm", true);
        confirmation(shop, "" + orderId, c -> c.get("writeBack").get("attempts").asInt() == 1);
        later(Duration.ofMinutes(1).plusSeconds(1));
        JsonNode failed = confirmation(shop, "" + orderId,
                c -> c.get("writeBack").get("status").asText().equals("failed"));

        assertThat(failed.get("writeBack").get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get("writeBack").get("error").asText())
                .isEqualTo("http-503: Shopify answered HTTP 503: Service unavailable (gave up after 2 attempts)");
        assertThat(get(cod(shop.tenant(), "/confirmations?status=confirmed")).json().get(0).get("writeBackStatus")
                .asText()).isEqualTo("failed");
        assertThat(get(cod(shop.tenant(), "/stats")).json().get("writeBackFailed").asLong()).isEqualTo(1);
        assertThat(vendor.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);

        shopifyAcceptsTags(shop);
        Response retried = post(cod(shop.tenant(), "/confirmations/" + orderId + "/write-back"), null);
        JsonNode done = confirmation(shop, "" + orderId,
                c -> c.get("writeBack").get("status").asText().equals("done"));

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("writeBack").get("status").asText()).isEqualTo("pending");
        assertThat(done.get("writeBack").get("attempts").asInt()).isEqualTo(1);
        expectProblem(post(cod(shop.tenant(), "/confirmations/" + orderId + "/write-back"), null), 409,
                "write-back-not-failed");
    }
}
