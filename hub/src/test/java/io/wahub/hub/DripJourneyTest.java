package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Journeys through the real path (Shopify webhooks and the drips API in, PostgreSQL, the drips plugin jar, durable
 * timers, the Cloud API faked by WireMock out), with the hub's clock moved instead of waiting: the abandoned-cart
 * preset ended by an order, send windows in the contact's time zone, pause and resume, STOP and removal by hand,
 * an edit while active, and one failing send among others.
 */
class DripJourneyTest extends DripTestBase {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ZonedDateTime tomorrowAt(ZoneId zone, int hour) {
        return ZonedDateTime.now(zone).plusDays(1).with(LocalTime.of(hour, 0));
    }

    private static byte[] checkout(long id, String phone) throws Exception {
        String json = Files.readString(Path.of(DripJourneyTest.class.getResource("/shopify/checkouts-create.json")
                .toURI()));
        return json.replace("\"id\":981820079255243537", "\"id\":" + id).replace("+49 151 12345678", phone)
                .getBytes(StandardCharsets.UTF_8);
    }

    private String twoStepCampaign(String name) {
        return activeCampaign("""
                {"name":"%s","trigger":"api","steps":[%s,{"id":"w","type":"wait","duration":"PT1H"},%s]}"""
                .formatted(name, sendStep("s1"), sendStep("s2")));
    }

    /** A shop whose opted-in contact got the first send of a {@link #twoStepCampaign} and waits for the second. */
    private String firstOfTwoSendsSent(String shop, String phone, String campaignName) {
        dripShop(shop);
        optedInContact(phone, "Customer", "Europe/Berlin");
        clockAt(tomorrowAt(BERLIN, 10));
        String campaign = twoStepCampaign(campaignName);
        enrol(campaign, phone);
        awaitSends(phone, 1);
        awaitStep(campaign, phone, "s2");
        return campaign;
    }

    private void awaitStep(String campaign, String phone, String step) {
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, phone).path("stepId").asText()
                .equals(step));
    }

    @Test
    void abandonedCart_checkoutThenOneHourMessage_orderArrives_journeyEndsWithoutTheDayLaterMessage() throws Exception {
        dripShop("cart");
        String jon = "+4915112345678";
        String control = "+4915112345699";
        optedInContact(jon, "Jon Doe", "Europe/Berlin");
        optedInContact(control, "Ann Control", "Europe/Berlin");
        clockAt(tomorrowAt(BERLIN, 10));
        Response preset = post(drips(tenant, "/presets/abandoned-cart"), "");
        assertThat(preset.status()).as(preset.body()).isEqualTo(201);
        String campaign = preset.json().get("id").asText();
        assertThat(preset.json().get("status").asText()).isEqualTo("active");

        assertThat(postShopify(tenant, "checkouts/create", "c-1", checkout(1001, "+49 151 12345678"), SHOPIFY_SECRET,
                shopDomain()).status()).isEqualTo(202);
        assertThat(postShopify(tenant, "checkouts/create", "c-2", checkout(1002, "+49 151 12345699"), SHOPIFY_SECRET,
                shopDomain()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(drips(tenant, "/campaigns/" + campaign
                + "/enrolments")).json().size() == 2 && enrolment(campaign, jon).path("stepId").asText()
                .equals("reminder-1h") && enrolment(campaign, control).path("stepId").asText().equals("reminder-1h"));
        assertThat(sendsTo(jon)).isEmpty();

        clockForward(Duration.ofMinutes(61));
        assertThat(awaitSends(jon, 1)).containsExactly("abandoned_cart_1");
        graph.verify(1, postRequestedFor(urlEqualTo(messagesPath())).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"abandoned_cart_1","language":{"code":"en_US"},"components":[{"type":"body",
                  "parameters":[{"type":"text","parameter_name":"first_name","text":"Jon"},
                   {"type":"text","parameter_name":"cart_url",
                    "text":"https://my-shop.myshopify.com/59910180887/checkouts/123123123/recover?key=example"}]}]}}""")));
        awaitStep(campaign, control, "reminder-24h");

        assertThat(postShopify(tenant, "orders/create", "o-1", shopifyOrder().getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, shopDomain())
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, jon).path("status").asText()
                .equals("exited"));
        clockForward(Duration.ofHours(24));
        assertThat(awaitSends(control, 2)).containsExactly("abandoned_cart_1", "abandoned_cart_2");

        assertThat(templatesTo(jon)).containsExactly("abandoned_cart_1");
        assertThat(enrolment(campaign, jon).get("exitReason").asText()).isEqualTo("goal");
        JsonNode figures = figures(campaign);
        assertThat(figures.at("/campaign/messaged/entered").asInt()).isEqualTo(2);
        assertThat(figures.at("/campaign/messaged/goal").asInt()).isEqualTo(1);
        assertThat(figures.at("/campaign/messaged/exited/goal").asInt()).isEqualTo(1);
        assertThat(figures.at("/steps/1/id").asText()).isEqualTo("reminder-1h");
        assertThat(figures.at("/steps/1/messaged/sent").asInt()).isEqualTo(2);
        assertThat(figures.at("/steps/3/messaged/sent").asInt()).isEqualTo(1);
    }

    @Test
    void sendWindow_stepDueAtThreeAtNight_goesAtTheWindowsStart_andANewYorkContactAtTheirOwnNineOClock() {
        dripShop("window");
        String berlin = "+4915100000001";
        String newYork = "+12125550101";
        optedInContact(berlin, "Ben Berlin", "Europe/Berlin");
        optedInContact(newYork, "Nora York", "America/New_York");
        ZonedDateTime oneAm = tomorrowAt(BERLIN, 1);
        clockAt(oneAm);
        String campaign = activeCampaign("""
                {"name":"Window","trigger":"api","window":{"days":["MON","TUE","WED","THU","FRI","SAT","SUN"],
                 "from":"09:00","to":"17:00"},"steps":[{"id":"w","type":"wait","duration":"PT2H"},%s]}"""
                .formatted(sendStep("offer")));
        enrol(campaign, berlin, newYork);
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, berlin).path("stepId").asText()
                .equals("offer") && enrolment(campaign, newYork).path("stepId").asText().equals("offer"));

        clockForward(Duration.ofHours(2).plusMinutes(1)); // 03:01 in Berlin, 21:01 in New York
        Instant nineBerlin = oneAm.with(LocalTime.of(9, 0)).toInstant();
        Instant nineNewYork = oneAm.withZoneSameInstant(NEW_YORK).plusDays(1).with(LocalTime.of(9, 0)).toInstant();
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, berlin).path("dueAt").asText()
                .equals(nineBerlin.toString()) && enrolment(campaign, newYork).path("dueAt").asText()
                .equals(nineNewYork.toString()));
        assertThat(sendsTo(berlin)).isEmpty();

        clockAt(oneAm.with(LocalTime.of(9, 0, 30)));
        assertThat(awaitSends(berlin, 1)).containsExactly("post_purchase_review");
        assertThat(sendsTo(newYork)).isEmpty();
        assertThat(enrolment(campaign, newYork).path("dueAt").asText()).isEqualTo(nineNewYork.toString());

        clockAt(nineNewYork.plusSeconds(30).atZone(NEW_YORK));
        assertThat(awaitSends(newYork, 1)).containsExactly("post_purchase_review");
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(campaign, newYork).path("status").asText()
                .equals("completed"));
        assertThat(Instant.parse(enrolment(campaign, newYork).get("exitedAt").asText()))
                .isBetween(nineNewYork, nineNewYork.plusSeconds(120));
    }

    @Test
    void pausedCampaign_sendsNothingWhileADayPasses_andResumesAtEachContactsStep() {
        dripShop("pause");
        String paused = "+4915100000011";
        String control = "+4915100000012";
        optedInContact(paused, "Paula", "Europe/Berlin");
        optedInContact(control, "Carl", "Europe/Berlin");
        clockAt(tomorrowAt(BERLIN, 10));
        String campaign = twoStepCampaign("Paused");
        String other = twoStepCampaign("Control");
        enrol(campaign, paused);
        enrol(other, control);
        awaitSends(paused, 1);
        awaitStep(other, control, "s2");
        awaitStep(campaign, paused, "s2");

        assertThat(post(drips(tenant, "/campaigns/" + campaign + "/pause"), "").json().get("status").asText())
                .isEqualTo("paused");
        clockForward(Duration.ofHours(2));
        awaitSends(control, 2);
        assertThat(templatesTo(paused)).hasSize(1);
        assertThat(enrolment(campaign, paused).path("stepId").asText()).isEqualTo("s2");

        assertThat(post(drips(tenant, "/campaigns/" + campaign + "/resume"), "").json().get("status").asText())
                .isEqualTo("active");
        awaitSends(paused, 2);
        assertThat(variableSent(paused, "order_number")).containsExactly("s1", "s2");
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(campaign, paused).path("status").asText()
                .equals("completed"));
    }

    @Test
    void stopMidJourney_andRemovalByHand_cancelThePendingStepsAtOnce() {
        dripShop("stop");
        String stopper = "+4915100000021";
        String removed = "+4915100000022";
        String control = "+4915100000023";
        for (String phone : List.of(stopper, removed, control)) {
            optedInContact(phone, "Customer", "Europe/Berlin");
        }
        clockAt(tomorrowAt(BERLIN, 10));
        String campaign = twoStepCampaign("Stop");
        enrol(campaign, stopper, removed, control);
        List.of(stopper, removed, control).forEach(phone -> awaitStep(campaign, phone, "s2"));

        customerWrites(stopper, "wamid.stop-1", "STOP");
        assertThat(removeByHand(campaign, removed).get("exitReason").asText()).isEqualTo("removed");
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, stopper).path("status").asText()
                .equals("exited"));
        clockForward(Duration.ofHours(2));
        awaitSends(control, 2);

        assertThat(templatesTo(stopper)).hasSize(1);
        assertThat(templatesTo(removed)).hasSize(1);
        assertThat(enrolment(campaign, stopper).get("exitReason").asText()).isEqualTo("opted-out");
        JsonNode exited = figures(campaign).at("/campaign/messaged/exited");
        assertThat(exited.get("opted-out").asInt()).isEqualTo(1);
        assertThat(exited.get("removed").asInt()).isEqualTo(1);
        expectProblem(call("DELETE", drips(tenant, "/campaigns/" + campaign + "/enrolments/" + removed), null), 404,
                "not-found");
    }

    @Test
    void editWhileActive_appliesToTheFutureStepsOfContactsAlreadyInIt() {
        String phone = "+4915100000031";
        String campaign = firstOfTwoSendsSent("edit", phone, "Edited");

        Response edited = call("PUT", drips(tenant, "/campaigns/" + campaign), """
                {"name":"Edited","steps":[%s,{"id":"w","type":"wait","duration":"PT1H"},%s]}"""
                .formatted(sendStep("s1"), sendStep("s2").replace("{{event.orderNumber|s2}}", "version two")));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("version").asInt()).isEqualTo(2);
        clockForward(Duration.ofMinutes(61));
        awaitSends(phone, 2);

        assertThat(variableSent(phone, "order_number")).containsExactly("s1", "version two");
    }

    @Test
    void aSendAndTheWaitAfterIt_takeOneTimerRun_theNextSendARunOfItsOwn() {
        String phone = "+4915100000051";
        String campaign = firstOfTwoSendsSent("runs", phone, "Runs");
        clockForward(Duration.ofMinutes(61));
        awaitSends(phone, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, phone).path("status").asText()
                .equals("completed") && timerRuns("pending") == 0);

        assertThat(timerRuns("done")).isEqualTo(2); // s1 with the wait after it, then s2
    }

    private long timerRuns(String status) {
        return jdbc.sql("SELECT count(*) FROM inbox_event WHERE tenant_id = :tenant AND type = 'timer.due'"
                + " AND status = :status").param("tenant", tenant).param("status", status).query(Long.class).single();
    }

    @Test
    void oneContactsFailingSend_neverStopsTheCampaignForTheOthers() {
        dripShop("fail");
        List<String> phones = List.of("+4915100000041", "+4915100000042", "+4915100000043");
        phones.forEach(phone -> optedInContact(phone, "Customer", "Europe/Berlin"));
        graph.stubFor(WireMock.post(urlEqualTo(messagesPath())).atPriority(1)
                .withRequestBody(containing("\"to\":\"4915100000042\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100}}")));
        clockAt(tomorrowAt(BERLIN, 10));
        String campaign = twoStepCampaign("Failing");
        enrol(campaign, phones.toArray(String[]::new));
        phones.forEach(phone -> await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, phone)
                .path("stepId").asText().equals("s2")));

        clockForward(Duration.ofMinutes(61));
        awaitSends(phones.get(0), 2);
        awaitSends(phones.get(2), 2);

        assertThat(figures(campaign).at("/steps/2/messaged/sent").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode failed = null;
            for (JsonNode message : get("/api/v1/tenants/" + tenant + "/messages?limit=50").json()) {
                if (message.get("to").asText().equals(phones.get(1))) {
                    failed = message;
                }
            }
            assertThat(failed).isNotNull();
            assertThat(failed.get("status").asText()).isIn("failed", "dead");
        });
    }
}
