package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What contacts do with campaign messages, through the real path (Cloud API webhooks and Shopify orders in, the
 * drips plugin jar, PostgreSQL, WireMock out): delivered and read reports counted per step (a report of a read
 * message counts it delivered too, never twice), replies counted and ending the journey when the campaign says so,
 * conditions on an order placed since entering, and the goal order's revenue in the figures.
 */
class DripActivityTest extends DripTestBase {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private void daytime() {
        clockAt(ZonedDateTime.now(BERLIN).plusDays(1).with(LocalTime.of(10, 0)));
    }

    /** The Cloud API answers sends of step {@code step} to {@code phone} with message id {@code wamid}. */
    private void wamidFor(String phone, String step, String wamid) {
        graph.stubFor(WireMock.post(urlEqualTo(messagesPath())).withRequestBody(containing("\"to\":\""
                + phone.substring(1) + "\"")).withRequestBody(containing("\"text\":\"" + step + "\""))
                .willReturn(WireMock.okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid + "\"}]}")));
    }

    private void statusReport(String wamid, String status, String phone) {
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},"statuses":[{"id":"%s",
                "status":"%s","timestamp":"%d","recipient_id":"%s"}]}}]}]}"""
                .formatted(numberId, wamid, status, clock.instant().getEpochSecond(), phone.substring(1))
                .getBytes(StandardCharsets.UTF_8);
        Response response = postWebhook("/webhooks/" + tenant + "/whatsapp-cloud", Map.of("Content-Type",
                "application/json", "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
        assertThat(response.status()).as(response.body()).isIn(200, 202);
    }

    private static byte[] order(long id, String phone) {
        return shopifyOrder(id).replace("0151 12345678", phone).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deliveredReadAndReplied_countPerStepOnce_evenRedelivered_andAReplyEndsTheJourneyWhenTheCampaignSaysSo() {
        dripShop("activity");
        String ann = "+4915170000001";
        String ben = "+4915170000002";
        optedInContact(ann, "Ann", "Europe/Berlin");
        optedInContact(ben, "Ben", "Europe/Berlin");
        wamidFor(ann, "s1", "wamid.ann-1");
        wamidFor(ben, "s1", "wamid.ben-1");
        wamidFor(ben, "s2", "wamid.ben-2");
        daytime();
        String campaign = activeCampaign("""
                {"name":"Chatty","trigger":"api","exitOnReply":true,
                 "steps":[%s,{"id":"w","type":"wait","duration":"PT1H"},%s]}"""
                .formatted(sendStep("s1"), sendStep("s2")));
        assertThat(get(drips(tenant, "/campaigns/" + campaign)).json().get("exitOnReply").asBoolean()).isTrue();
        enrol(campaign, ann, ben);
        awaitSends(ann, 1);
        awaitSends(ben, 1);

        statusReport("wamid.ann-1", "delivered", ann);
        statusReport("wamid.ann-1", "read", ann);
        statusReport("wamid.ben-1", "read", ben); // its delivered report never came
        customerWrites(ann, "wamid.in-1", "Thanks, nice offer!");
        customerWrites(ann, "wamid.in-2", "When does it end?");
        await().atMost(Duration.ofSeconds(20)).until(() -> figures(campaign).at("/steps/0/messaged/read").asInt() == 2
                && enrolment(campaign, ann).path("status").asText().equals("exited")
                && figures(campaign).at("/campaign/messaged/replied").asInt() == 1);
        clockForward(Duration.ofMinutes(61));
        awaitSends(ben, 2);

        assertThat(templatesTo(ann)).hasSize(1);
        assertThat(enrolment(campaign, ann).get("exitReason").asText()).isEqualTo("replied");
        JsonNode figures = figures(campaign);
        assertThat(figures.at("/steps/0/messaged").toString()).isEqualTo(
                "{\"sent\":2,\"capped\":0,\"delivered\":2,\"read\":2,\"replied\":1,\"failed\":0}");
        assertThat(figures.at("/steps/2/messaged/sent").asInt()).isEqualTo(1);
        assertThat(figures.at("/campaign/messaged/replied").asInt()).isEqualTo(1);
        assertThat(figures.at("/campaign/messaged/exited/replied").asInt()).isEqualTo(1);

        // at least once: every status report, reply and timer run is processed a second time, as after a crash
        int redelivered = jdbc.sql("""
                UPDATE inbox_event SET status = 'pending', attempts = 0, next_attempt_at = now(), processed_at = NULL
                WHERE tenant_id = :tenant AND status = 'done'
                  AND type IN ('message.status', 'message.received', 'timer.due')""")
                .param("tenant", tenant).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FROM inbox_event WHERE tenant_id = :tenant AND status <> 'done'
                  AND type IN ('message.status', 'message.received', 'timer.due')""")
                .param("tenant", tenant).query(Integer.class).single() == 0);
        assertThat(redelivered).isGreaterThanOrEqualTo(8); // 3 status reports, 2 replies, the journeys' timers
        assertThat(figures(campaign)).isEqualTo(figures);
        assertThat(templatesTo(ann)).hasSize(1);
        assertThat(templatesTo(ben)).hasSize(2);
    }

    @Test
    void conditionOnAnOrderSinceEntering_branches_andTheGoalOrdersTotalIsTheRecoveredRevenue() {
        dripShop("branch");
        String buyer = "+4915112345678";
        String browser = "+4915170000009";
        optedInContact(buyer, "Bea Buyer", "Europe/Berlin");
        optedInContact(browser, "Bo Browser", "Europe/Berlin");
        daytime();
        String branching = activeCampaign("""
                {"name":"Follow-up","trigger":"api","steps":[{"id":"w","type":"wait","duration":"PT1H"},
                 {"id":"ordered","type":"condition","event":"order","then":"thanks","else":"nudge"},
                 %s,
                 {"id":"stop","type":"condition","tag":"never-set","then":"end","else":"end"},
                 %s]}""".formatted(sendStep("nudge"), sendStep("thanks")));
        String cart = activeCampaign("""
                {"name":"Cart","trigger":"api","goals":["order.created"],
                 "steps":[{"id":"w","type":"wait","duration":"P1D"},%s]}""".formatted(sendStep("late")));
        enrol(branching, buyer, browser);
        enrol(cart, buyer, browser);

        assertThat(postShopify(tenant, "orders/create", "o-branch", order(777001L, "+49 151 12345678"),
                SHOPIFY_SECRET, shopDomain()).status()).isEqualTo(202);
        // both journeys wait for their hour before the clock moves (counted from a later clock, it would not be over)
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(cart, buyer).path("status").asText()
                .equals("exited") && enrolment(branching, buyer).path("stepId").asText().equals("ordered")
                && enrolment(branching, browser).path("stepId").asText().equals("ordered"));
        clockForward(Duration.ofMinutes(61));
        awaitSends(buyer, 1);
        awaitSends(browser, 1);

        assertThat(variableSent(buyer, "order_number")).containsExactly("thanks");
        assertThat(variableSent(browser, "order_number")).containsExactly("nudge");
        assertThat(enrolment(cart, buyer).get("exitReason").asText()).isEqualTo("goal");
        JsonNode figures = figures(cart);
        assertThat(figures.at("/campaign/messaged/goal").asInt()).isEqualTo(1);
        assertThat(figures.at("/campaign/messaged/revenue").toString())
                .isEqualTo("[{\"currency\":\"EUR\",\"orders\":1,\"amountMinor\":4498,\"amount\":\"44.98\"}]");
        assertThat(figures.at("/campaign/holdout/revenue").toString()).isEqualTo("[]");
    }

    @Test
    void conditionOnAnUnknownEvent_answers422() {
        dripShop("badcond");
        Response bad = post(drips(tenant, "/campaigns"), """
                {"name":"Bad","trigger":"api",
                 "steps":[{"id":"c","type":"condition","event":"visited","then":"end"}]}""");
        expectProblem(bad, 422, "invalid-request");
        assertThat(bad.json().at("/errors/steps[0].event").asText()).isEqualTo("one of order, replied, clicked");
    }
}
