package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules every campaign keeps, through the real path: the frequency cap across campaigns, the re-entry policy, the
 * holdout (enrolled, never messaged, counted apart), field errors for a bad campaign, and tenant isolation.
 */
class DripRulesTest extends DripTestBase {

    @BeforeEach
    void daytimeInBerlin() {
        clockAt(ZonedDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(1).with(LocalTime.of(10, 0)));
    }

    private String oneSendCampaign(String name, String reentry) {
        return activeCampaign("""
                {"name":"%s","trigger":"api","reentry":%s,"steps":[%s]}""".formatted(name, reentry,
                sendStep("s1")));
    }

    private void awaitStatus(String campaign, String phone, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, phone).path("status").asText()
                .equals(status));
    }

    @Test
    void frequencyCap_acrossCampaigns_skipsTheStepOverTheCap_andCountsIt() {
        dripShop("cap");
        String phone = "+4915100000101";
        optedInContact(phone, "Cara", "Europe/Berlin");
        Response settings = put("/api/v1/tenants/" + tenant + "/features/drips", "{\"settings\":{\"frequencyCap\":1}}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        String first = oneSendCampaign("First", "{\"policy\":\"never\"}");
        String second = oneSendCampaign("Second", "{\"policy\":\"never\"}");

        enrol(first, phone);
        awaitSends(phone, 1);
        enrol(second, phone);
        awaitStatus(second, phone, "completed");

        assertThat(templatesTo(phone)).hasSize(1);
        assertThat(figures(second).at("/steps/0/messaged/capped").asInt()).isEqualTo(1);
        assertThat(figures(second).at("/steps/0/messaged/sent").asInt()).isZero(); // send steps show every counter
    }

    @Test
    void reentry_neverRefusesASecondJourney_afterTwoDaysAllowsItOnceTheyPassed() {
        dripShop("reentry");
        String once = "+4915100000111";
        String again = "+4915100000112";
        optedInContact(once, "Olga", "Europe/Berlin");
        optedInContact(again, "Alan", "Europe/Berlin");
        String never = oneSendCampaign("Never", "{\"policy\":\"never\"}");
        String afterTwoDays = oneSendCampaign("After", "{\"policy\":\"after\",\"days\":2}");
        enrol(never, once);
        enrol(afterTwoDays, again);
        awaitStatus(never, once, "completed");
        awaitStatus(afterTwoDays, again, "completed");

        JsonNode refused = enrol(never, once);
        JsonNode tooSoon = enrol(afterTwoDays, again);
        clockForward(Duration.ofDays(2).plusHours(1));
        JsonNode later = enrol(afterTwoDays, again);

        assertThat(refused.at("/skipped/0/reason").asText()).isEqualTo("reentry-not-allowed");
        assertThat(tooSoon.at("/skipped/0/reason").asText()).isEqualTo("reentry-too-soon");
        assertThat(later.at("/enrolled/0").asText()).isEqualTo(again);
        assertThat(awaitSends(again, 2)).hasSize(2);
        assertThat(templatesTo(once)).hasSize(1);
    }

    @Test
    void oneCall_enrolsTheNewContacts_andSkipsEachOtherWithItsOwnReason_inTheOrderGiven() {
        dripShop("mixed");
        String active = "+4915100000121";
        String removed = "+4915100000122";
        String fresh = "+4915100000123";
        String alsoFresh = "+4915100000124";
        for (String phone : List.of(active, removed, fresh, alsoFresh)) {
            optedInContact(phone, "Mia", "Europe/Berlin");
        }
        String campaign = activeCampaign("""
                {"name":"Mixed","trigger":"api","reentry":{"policy":"never"},"steps":[
                 {"id":"w","type":"wait","duration":"P1D"},%s]}""".formatted(sendStep("s1")));
        enrol(campaign, active, removed);
        removeByHand(campaign, removed);

        JsonNode answer = enrol(campaign, fresh, active, removed, alsoFresh);

        assertThat(answer.get("enrolled")).extracting(JsonNode::asText).containsExactly(fresh, alsoFresh);
        assertThat(answer.get("skipped")).extracting(s -> s.get("phone").asText() + " " + s.get("reason").asText())
                .containsExactly(active + " already-enrolled", removed + " reentry-not-allowed");
        assertThat(enrolment(campaign, fresh).get("status").asText()).isEqualTo("active");
        assertThat(figures(campaign).at("/campaign/messaged/entered").asInt()
                + figures(campaign).at("/campaign/holdout/entered").asInt()).isEqualTo(4);
        for (String phone : List.of(active, fresh, alsoFresh)) { // each has begun its wait before time moves on
            await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, phone).path("stepId").asText()
                    .equals("s1"));
        }
        clockForward(Duration.ofDays(1).plusHours(1));
        assertThat(awaitSends(fresh, 1)).containsExactly("post_purchase_review");
        assertThat(awaitSends(alsoFresh, 1)).hasSize(1);
        assertThat(awaitSends(active, 1)).hasSize(1);
        assertThat(templatesTo(removed)).isEmpty();
    }

    @Test
    void holdout_contactsAreEnrolledButNeverMessaged_andCountedApart() {
        dripShop("holdout");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            phones.add("+49151000002" + String.format("%02d", i));
            optedInContact(phones.getLast(), "Hal", "Europe/Berlin");
        }
        String campaign = activeCampaign("""
                {"name":"Holdout","trigger":"api","holdoutPercent":50,"steps":[%s]}""".formatted(sendStep("s1")));
        enrol(campaign, phones.toArray(String[]::new));
        phones.forEach(phone -> awaitStatus(campaign, phone, "completed"));

        List<String> heldOut = phones.stream().filter(p -> enrolment(campaign, p).get("holdout").asBoolean()).toList();
        List<String> messaged = phones.stream().filter(p -> !heldOut.contains(p)).toList();
        assertThat(heldOut).isNotEmpty();
        assertThat(messaged).isNotEmpty();
        messaged.forEach(phone -> awaitSends(phone, 1));
        heldOut.forEach(phone -> assertThat(sendsTo(phone)).as(phone).isEmpty());
        JsonNode figures = figures(campaign);
        assertThat(figures.at("/campaign/holdout/entered").asInt()).isEqualTo(heldOut.size());
        assertThat(figures.at("/campaign/messaged/entered").asInt()).isEqualTo(messaged.size());
        assertThat(figures.at("/steps/0/holdout/sent").asInt()).isEqualTo(heldOut.size());
        assertThat(figures.at("/steps/0/messaged/sent").asInt()).isEqualTo(messaged.size());
    }

    @Test
    void badCampaign_answers422WithAnErrorPerField() {
        dripShop("invalid");

        Response response = post(drips(tenant, "/campaigns"), """
                {"trigger":"cart.viewed","holdoutPercent":80,"window":{"from":"25:00","to":"17:00"},
                 "steps":[{"id":"w","type":"wait","duration":"soon"},{"type":"send"},
                  {"type":"condition","tag":"vip","then":"nowhere"}]}""");

        expectProblem(response, 422, "invalid-request");
        assertThat(response.json().get("errors").properties().stream().map(java.util.Map.Entry::getKey).toList())
                .containsExactlyInAnyOrder("name", "trigger", "holdoutPercent", "window.from", "steps[0].duration",
                        "steps[1].template", "steps[2].then");
        assertThat(response.json().at("/errors/steps[0].duration").asText())
                .isEqualTo("an ISO-8601 duration from PT1M to P365D, for example PT1H or P7D");
    }

    @Test
    void anotherTenant_seesNoneOfTheCampaigns_andCannotEnrolIntoThem() {
        String shopA = dripShop("iso-a");
        String campaign = oneSendCampaign("Mine", "{\"policy\":\"never\"}");
        String shopB = dripShop("iso-b");

        expectProblem(get(drips(shopB, "/campaigns/" + campaign)), 404, "not-found");
        expectProblem(post(drips(shopB, "/campaigns/" + campaign + "/enrolments"), "{\"phones\":[\"+4915100000301\"]}"),
                404, "not-found");
        expectProblem(get(drips(shopB, "/campaigns/" + campaign + "/figures")), 404, "not-found");
        assertThat(get(drips(shopB, "/campaigns")).json()).isEmpty();
        JsonNode mine = get(drips(shopA, "/campaigns")).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("id").asText()).isEqualTo(campaign);
    }
}
