package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Enrolment in bulk and by the contact-created trigger through the real path (drips API in, the plugin jar,
 * PostgreSQL, durable timers, WireMock as the Cloud API): a segment larger than one page, a CSV file with bad lines
 * reported by number, and a welcome campaign entered once per new contact.
 */
class DripBulkEnrolmentTest extends DripTestBase {

    /**
     * No quiet hours: these tests send marketing at real time, which from 21:00 Berlin time would wait for the
     * morning (quiet hours are tested in {@code DripJourneyTest}).
     */
    @DynamicPropertySource
    static void noQuietHours(DynamicPropertyRegistry registry) {
        registry.add("wahub.policy.quiet-hours-start", () -> "00:00");
        registry.add("wahub.policy.quiet-hours-end", () -> "00:00");
    }


    private String waitingCampaign(String name) {
        return activeCampaign("""
                {"name":"%s","trigger":"api","steps":[{"id":"later","type":"wait","duration":"P1D"},%s]}"""
                .formatted(name, sendStep("offer")));
    }

    private JsonNode awaitJob(String job) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !get(drips(tenant, "/enrolment-jobs/" + job)).json()
                .path("status").asText().equals("running"));
        return get(drips(tenant, "/enrolment-jobs/" + job)).json();
    }

    private List<String> enrolledPhones(String campaign) {
        return StreamSupport.stream(get(drips(tenant, "/campaigns/" + campaign + "/enrolments")).json().spliterator(),
                false).map(e -> e.get("phone").asText()).sorted().toList();
    }

    private Response postCsv(String path, String csv) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "text/csv").header("Accept", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    @Test
    void segment_ofTwoHundredAndFiveTaggedGoldContacts_isEnrolledPageByPage_othersLeftOut() {
        dripShop("segment");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            String phone = "+49151200%05d".formatted(i);
            expected.add(phone);
            Response created = post("/api/v1/tenants/" + tenant + "/contacts", """
                    {"phone":"%s","tags":["vip","newsletter"],"attributes":{"tier":"gold"}}""".formatted(phone));
            assertThat(created.status()).as(created.body()).isIn(200, 201);
        }
        assertThat(post("/api/v1/tenants/" + tenant + "/contacts", """
                {"phone":"+4915130000001","tags":["vip"],"attributes":{"tier":"silver"}}""").status()).isEqualTo(201);
        assertThat(post("/api/v1/tenants/" + tenant + "/contacts", """
                {"phone":"+4915130000002","attributes":{"tier":"gold"}}""").status()).isEqualTo(201);
        String campaign = waitingCampaign("Gold VIPs");

        Response started = post(drips(tenant, "/campaigns/" + campaign + "/enrolments/segment"),
                "{\"tags\":[\"vip\"],\"attributes\":{\"tier\":\"gold\"}}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("kind").asText()).isEqualTo("segment");
        JsonNode job = awaitJob(started.json().get("id").asText());
        assertThat(job.get("status").asText()).isEqualTo("done");
        assertThat(job.get("enrolled").asInt()).isEqualTo(205);
        assertThat(job.get("skipped").asInt()).isZero();
        assertThat(enrolledPhones(campaign)).isEqualTo(expected);
        assertThat(figures(campaign).at("/campaign/messaged/entered").asInt()
                + figures(campaign).at("/campaign/holdout/entered").asInt()).isEqualTo(205);
        assertThat(get(drips(tenant, "/enrolment-jobs")).json().get(0).get("id").asText())
                .isEqualTo(job.get("id").asText());
    }

    @Test
    void segment_withoutCriteria_answers422_andADraftCampaign409() {
        dripShop("segbad");
        String campaign = waitingCampaign("Any");
        Response empty = post(drips(tenant, "/campaigns/" + campaign + "/enrolments/segment"), "{}");
        expectProblem(empty, 422, "invalid-request");
        assertThat(empty.json().at("/errors/tags").asText()).isEqualTo("a segment needs at least one tag or attribute");
        Response draft = post(drips(tenant, "/campaigns"), """
                {"name":"Draft","trigger":"api","steps":[%s]}""".formatted(sendStep("s1")));
        expectProblem(post(drips(tenant, "/campaigns/" + draft.json().get("id").asText() + "/enrolments/segment"),
                "{\"tags\":[\"vip\"]}"), 409, "campaign-not-active");
        assertThat(get(drips(tenant, "/enrolment-jobs")).json()).isEmpty();
    }

    @Test
    void csv_withBadLines_reportsThemByNumber_enrolsTheOthers_andTheirColumnsFillTheTemplate() {
        dripShop("csv");
        optedInContact("+4915140000001", "Old Name", "Europe/Berlin");
        String campaign = activeCampaign("""
                {"name":"Coupons","trigger":"api","steps":[{"id":"offer","type":"send",
                 "template":"post_purchase_review","language":"en_US",
                 "variables":{"first_name":"{{contact.firstName|there}}",
                 "order_number":"{{event.coupon|none}}"}}]}""");
        String csv = """
                phone,name,coupon
                +4915140000001,Jane Doe,"SAVE10, today"
                not-a-number,Bob,X
                +4915140000003,Too,many,fields
                +49 151 4000 0004,Max,SAVE20
                """;

        Response answer = postCsv(drips(tenant, "/campaigns/" + campaign + "/enrolments/csv"), csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.json().get("rejected").asInt()).isEqualTo(2);
        assertThat(answer.json().get("errors").toString()).isEqualTo("""
                [{"line":3,"error":"'not-a-number' is not a mobile number in E.164 format, \
                for example +4915112345678"},{"line":4,"error":"3 fields expected, 4 found"}]""");
        JsonNode job = awaitJob(answer.json().get("id").asText());
        assertThat(job.get("enrolled").asInt()).isEqualTo(2);
        assertThat(enrolledPhones(campaign)).containsExactly("+4915140000001", "+4915140000004");
        assertThat(awaitSends("+4915140000001", 1)).containsExactly("post_purchase_review");
        assertThat(variableSent("+4915140000001", "order_number")).containsExactly("SAVE10, today");
        assertThat(variableSent("+4915140000001", "first_name")).containsExactly("Jane");
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolment(campaign, "+4915140000004").path("exitReason")
                .asText().equals("no-opt-in"));
        assertThat(sendsTo("+4915140000004")).isEmpty();
    }

    @Test
    void csv_withoutAPhoneColumn_answers422_andNothingIsStored() {
        dripShop("csvbad");
        String campaign = waitingCampaign("Nothing");
        Response answer = postCsv(drips(tenant, "/campaigns/" + campaign + "/enrolments/csv"), "name,coupon\nJo,X\n");
        expectProblem(answer, 422, "invalid-request");
        assertThat(answer.json().at("/errors/csv").asText())
                .isEqualTo("the first line names the columns, one of them phone");
        assertThat(get(drips(tenant, "/enrolment-jobs")).json()).isEmpty();
        assertThat(get(drips(tenant, "/campaigns/" + campaign + "/enrolments")).json()).isEmpty();
    }

    @Test
    void anotherTenant_cannotReadTheJob_andItsSegmentHoldsOnlyItsOwnContacts() {
        dripShop("segmine");
        assertThat(post("/api/v1/tenants/" + tenant + "/contacts", """
                {"phone":"+4915160000001","tags":["vip"]}""").status()).isEqualTo(201);
        String mine = tenant;
        String job = post(drips(tenant, "/campaigns/" + waitingCampaign("Mine") + "/enrolments/segment"),
                "{\"tags\":[\"vip\"]}").json().get("id").asText();
        assertThat(awaitJob(job).get("enrolled").asInt()).isEqualTo(1);

        dripShop("segother");
        String campaign = waitingCampaign("Theirs");
        expectProblem(get(drips(tenant, "/enrolment-jobs/" + job)), 404, "not-found");
        assertThat(get(drips(tenant, "/enrolment-jobs")).json()).isEmpty();
        String theirs = post(drips(tenant, "/campaigns/" + campaign + "/enrolments/segment"),
                "{\"tags\":[\"vip\"]}").json().get("id").asText();
        assertThat(awaitJob(theirs).get("enrolled").asInt()).isZero();
        assertThat(enrolledPhones(campaign)).isEmpty();
        assertThat(mine).isNotEqualTo(tenant);
    }

    @Test
    void welcome_newContactEntersOnce_andGetsTheWelcomeAfterItsWait_anExistingOneDoesNotEnterAgain() {
        dripShop("welcome");
        String campaign = activeCampaign("""
                {"name":"Welcome","trigger":"contact.created","steps":[{"id":"settle","type":"wait","duration":"PT5M"},
                 {"id":"hello","type":"send","template":"post_purchase_review","language":"en_US",
                  "variables":{"first_name":"{{event.firstName|there}}","order_number":"WELCOME"}}]}""");
        String phone = "+4915150000001";

        optedInContact(phone, "Wanda Welcome", "Europe/Berlin");
        // the journey's first step runs after the enrolment, in a run of its own: the clock moves once it waits (had
        // the clock moved first, the wait would have counted from then, and the welcome been due only later)
        await().atMost(Duration.ofSeconds(20)).until(() -> get(drips(tenant, "/campaigns/" + campaign
                + "/enrolments")).json().size() == 1 && enrolment(campaign, phone).path("stepId").asText()
                .equals("hello"));
        customerWrites(phone, "wamid.welcome-hi", "Hi there"); // the contact is written to again, not created
        clockForward(Duration.ofMinutes(6));

        assertThat(awaitSends(phone, 1)).containsExactly("post_purchase_review");
        assertThat(variableSent(phone, "first_name")).containsExactly("Wanda");
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(campaign, phone).path("status").asText()
                .equals("completed"));
        assertThat(get(drips(tenant, "/campaigns/" + campaign + "/enrolments")).json()).hasSize(1);
        assertThat(figures(campaign).at("/campaign/messaged/entered").asInt()
                + figures(campaign).at("/campaign/holdout/entered").asInt()).isEqualTo(1);
    }

    @Test
    void welcome_aContactCreatedByAShopifyOrder_entersTheJourney() {
        dripShop("welcome-order");
        String campaign = activeCampaign("""
                {"name":"Welcome","trigger":"contact.created","steps":[{"id":"settle","type":"wait","duration":"PT5M"},
                 %s]}""".formatted(sendStep("hello")));

        Response webhook = postShopify(tenant, "orders/create", "evt-welcome-order",
                shopifyOrder().getBytes(java.nio.charset.StandardCharsets.UTF_8), SHOPIFY_SECRET, shopDomain());

        assertThat(webhook.status()).as(webhook.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> enrolledPhones(campaign).equals(List.of("+4915112345678")));
        assertThat(get("/api/v1/tenants/" + tenant + "/contacts").json().get("items").get(0).get("source").asText())
                .isEqualTo("order");
    }
}
