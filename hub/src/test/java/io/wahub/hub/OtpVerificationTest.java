package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OTP verifications through the real path (HTTP in, the otp plugin jar, PostgreSQL, the sandbox channel whose
 * outbox shows the code): every status and its edges, with Twilio Verify's rules.
 */
class OtpVerificationTest extends OtpTestBase {

    private static final String PHONE = "+4915112345678";
    private static final String OTHER_PHONE = "+4915112345679";

    @Autowired
    JdbcClient jdbc;

    @Test
    void start_is201Pending_theSandboxShowsTheCode_theRightCodeApproves_thenChecksAre404() {
        String tenant = otpTenant("otp-ok");

        Response started = start(tenant, PHONE, "login");
        JsonNode message = messagesTo(tenant, PHONE, 1).getFirst();
        String code = codeIn(message);
        Response approved = check(tenant, PHONE, "login", code);
        Response again = check(tenant, PHONE, "login", code);

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode body = started.json();
        Instant createdAt = Instant.parse(body.get("createdAt").asText());
        assertThat(body.get("to").asText()).isEqualTo(PHONE);
        assertThat(body.get("purpose").asText()).isEqualTo("login");
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("sendCount").asInt()).isEqualTo(1);
        assertThat(body.get("checksLeft").asInt()).isEqualTo(5);
        assertThat(Instant.parse(body.get("expiresAt").asText())).isEqualTo(createdAt.plus(Duration.ofMinutes(5)));
        assertThat(code).hasSize(6).containsOnlyDigits();
        assertThat(message.get("category").asText()).isEqualTo("AUTHENTICATION");
        assertThat(message.get("status").asText()).isEqualTo("sent");
        assertThat(message.get("text").asText()).isEqualTo("*" + code + "* is your verification code. For your"
                + " security, do not share this code.\n\nThis code expires in 5 minutes.");
        assertThat(message.get("buttons")).isEqualTo(JSON.createArrayNode().add(JSON.createObjectNode()
                .put("type", "COPY_CODE").put("text", "Copy code").put("code", code)));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(approved.json().get("id").asText()).isEqualTo(body.get("id").asText());
        expectProblem(again, 404, "not-found");
        assertThat(get(otp(tenant, "/verifications/" + body.get("id").asText())).json().get("status").asText())
                .isEqualTo("approved");
    }

    @Test
    void wrongCodes_answerPendingWithChecksLeft_theFifthLocks429_andTheRightCodeThenIs429Too_eachCounted() {
        String tenant = otpTenant("otp-lock");
        String id = start(tenant, PHONE, "signup").json().get("id").asText();
        String code = sentCode(tenant, PHONE);
        String wrong = wrongCode(code);

        List<Response> wrongs = List.of(check(tenant, PHONE, "signup", wrong), check(tenant, PHONE, "signup", wrong),
                check(tenant, PHONE, "signup", wrong), check(tenant, PHONE, "signup", wrong));
        Response fifth = check(tenant, PHONE, "signup", wrong);
        Response right = check(tenant, PHONE, "signup", code);

        assertThat(wrongs).extracting(Response::status).containsExactly(200, 200, 200, 200);
        assertThat(wrongs).extracting(r -> r.json().get("status").asText()).containsOnly("pending");
        assertThat(wrongs).extracting(r -> r.json().get("checksLeft").asInt()).containsExactly(4, 3, 2, 1);
        expectProblem(fifth, 429, "max-attempts-reached");
        expectProblem(right, 429, "max-attempts-reached");
        assertThat(right.json().get("detail").asText()).startsWith("Verification " + id + " had 5 wrong codes and is"
                + " locked; start a new one after it expires at ");
        assertThat(get(otp(tenant, "/verifications/" + id)).json().get("status").asText())
                .isEqualTo("max_attempts_reached");
        JsonNode counters = get(otp(tenant, "/stats")).json().get("counters");
        assertThat(counters.get("started").asLong()).isEqualTo(1);
        assertThat(counters.get("wrong-code").asLong()).isEqualTo(4);
        assertThat(counters.get("max-attempts-reached").asLong()).as("the fifth wrong code, then the right one")
                .isEqualTo(2);
        assertThat(counters.get("approved").asLong()).isZero();
    }

    @Test
    void resend_sendsTheSameCode_countsAsASend_andTheSixthSendWithinTenMinutes_is429_eachCounted() {
        String tenant = otpTenant("otp-resend");

        List<Response> sends = List.of(start(tenant, PHONE, "login"), start(tenant, PHONE, "login"),
                start(tenant, PHONE, "login"), start(tenant, PHONE, "reset"), start(tenant, PHONE, "login"));
        Response sixth = start(tenant, PHONE, "login");
        List<JsonNode> messages = messagesTo(tenant, PHONE, 5);

        assertThat(sends).extracting(Response::status).containsExactly(201, 201, 201, 201, 201);
        String id = sends.getFirst().json().get("id").asText();
        assertThat(sends).extracting(r -> r.json().get("sendCount").asInt()).containsExactly(1, 2, 3, 1, 4);
        assertThat(List.of(sends.get(1), sends.get(2), sends.get(4))).extracting(r -> r.json().get("id").asText())
                .containsOnly(id);
        assertThat(sends.get(1).json().get("expiresAt")).isEqualTo(sends.getFirst().json().get("expiresAt"));
        expectProblem(sixth, 429, "too-many-sends");
        assertThat(jdbc.sql("SELECT coalesce(sum(sends), 0) FROM feature_otp.otp_velocity"
                        + " WHERE tenant_id = :t AND scope = 'country'")
                .param("t", tenant).query(Long.class).single()).as("the refused sixth's count given back")
                .isEqualTo(5);
        assertThat(sixth.json().get("detail").asText()).isEqualTo(PHONE + " got 5 codes within 10 minutes, the most"
                + " allowed (setting sendsPerNumber); try again later.");
        assertThat(messages).hasSize(5).extracting(m -> m.get("status").asText()).containsOnly("sent");
        String loginCode = codeIn(messages.getFirst());
        assertThat(List.of(messages.get(1), messages.get(2), messages.get(4))).extracting(OtpTestBase::codeIn)
                .containsOnly(loginCode);
        assertThat(check(tenant, PHONE, "login", loginCode).json().get("status").asText()).isEqualTo("approved");
        clock.offset.set(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(start(tenant, PHONE, "login").status()).isEqualTo(201);
        JsonNode counters = get(otp(tenant, "/stats")).json().get("counters");
        assertThat(counters.get("started").asLong()).as("login, reset, and login after the ten minutes")
                .isEqualTo(3);
        assertThat(counters.get("resent").asLong()).isEqualTo(3);
        assertThat(counters.get("too-many-sends").asLong()).isEqualTo(1);
        assertThat(counters.get("approved").asLong()).isEqualTo(1);
    }

    @Test
    void cancel_byPostOrDelete_isCanceled_thenChecksReadsAndCancelsAgain_eachCountedOnce() {
        String tenant = otpTenant("otp-cancel");
        String login = start(tenant, PHONE, "login").json().get("id").asText();
        String reset = start(tenant, PHONE, "reset").json().get("id").asText();
        List<JsonNode> codes = messagesTo(tenant, PHONE, 2);

        Response posted = post(otp(tenant, "/verifications/" + login + "/cancel"), null);
        Response deleted = call("DELETE", otp(tenant, "/verifications/" + reset), null);

        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.json().get("status").asText()).isEqualTo("canceled");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("status").asText()).isEqualTo("canceled");
        expectProblem(check(tenant, PHONE, "login", codeIn(codes.get(0))), 404, "not-found");
        expectProblem(check(tenant, PHONE, "reset", codeIn(codes.get(1))), 404, "not-found");
        expectProblem(post(otp(tenant, "/verifications/" + login + "/cancel"), null), 404, "not-found");
        assertThat(get(otp(tenant, "/verifications/" + login)).json().get("status").asText()).isEqualTo("canceled");
        expectProblem(get(otp(tenant, "/verifications/6f1c2a8e-0000-4000-8000-000000000000")), 404, "not-found");
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/canceled").asLong()).isEqualTo(2);
    }

    @Test
    void expiredByTheTimer_withNoCheck_isVisibleThroughGet_andTheCodeIs404() {
        String tenant = otpTenant("otp-expiry");
        String id = start(tenant, PHONE, "login").json().get("id").asText();
        String other = start(tenant, OTHER_PHONE, "login").json().get("id").asText();
        String code = sentCode(tenant, PHONE);
        assertThat(timerKeys(tenant)).contains("purge").anyMatch(key -> key.startsWith("expiry:"))
                .allMatch(key -> key.equals("purge") || key.startsWith("expiry:"));

        clock.offset.set(Duration.ofMinutes(5).plusSeconds(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(get(otp(tenant, "/verifications/" + id)).json().get("status").asText()).isEqualTo("expired");
            assertThat(get(otp(tenant, "/verifications/" + other)).json().get("status").asText())
                    .isEqualTo("expired");
        });
        expectProblem(check(tenant, PHONE, "login", code), 404, "not-found");
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/expired").asLong()).isEqualTo(2);
    }

    @Test
    void anExpirySweep_expiresTheCodesDueByItsSecond_andLeavesLaterOnesPending() {
        String tenant = otpTenant("otp-sweep");
        String early = start(tenant, PHONE, "login").json().get("id").asText();
        clock.offset.set(Duration.ofMinutes(3));
        String late = start(tenant, OTHER_PHONE, "login").json().get("id").asText();

        clock.offset.set(Duration.ofMinutes(5).plusSeconds(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get(otp(tenant, "/verifications/" + early)).json().get("status").asText()).isEqualTo("expired"));
        assertThat(get(otp(tenant, "/verifications/" + late)).json().get("status").asText()).isEqualTo("pending");

        clock.offset.set(Duration.ofMinutes(8).plusSeconds(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get(otp(tenant, "/verifications/" + late)).json().get("status").asText()).isEqualTo("expired"));
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/expired").asLong()).isEqualTo(2);
    }

    @Test
    void approvedAndCanceledVerifications_outliveTheirExpirySweep_andThePurgeDeletesThemAfterTheRetention() {
        String tenant = otpTenant("otp-purge");
        String approved = start(tenant, PHONE, "login").json().get("id").asText();
        assertThat(check(tenant, PHONE, "login", sentCode(tenant, PHONE)).json().get("status").asText())
                .isEqualTo("approved");
        String canceled = start(tenant, PHONE, "reset").json().get("id").asText();
        assertThat(post(otp(tenant, "/verifications/" + canceled + "/cancel"), null).status()).isEqualTo(200);
        assertThat(timerKeys(tenant)).contains("purge").anyMatch(key -> key.startsWith("expiry:"));

        // the sweeps fire and leave both as they are; the slot's purge keeps both (finished minutes ago) and moves
        // itself to when they are a week old
        clock.offset.set(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(purgeDue(tenant)).isAfter(Instant.now().plus(Duration.ofDays(6)));
            assertThat(timerKeys(tenant)).containsExactly("purge");
        });
        assertThat(get(otp(tenant, "/verifications/" + approved)).json().get("status").asText())
                .isEqualTo("approved");
        assertThat(get(otp(tenant, "/verifications/" + canceled)).json().get("status").asText())
                .isEqualTo("canceled");
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/expired").asLong()).isZero();

        clock.offset.set(Duration.ofDays(7).plusMinutes(11));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get(otp(tenant, "/verifications/" + approved)).status()).isEqualTo(404));
        assertThat(get(otp(tenant, "/verifications/" + canceled)).status()).isEqualTo(404);
        assertThat(purgeDue(tenant)).isNull();
    }

    private List<String> timerKeys(String tenant) {
        return jdbc.sql("SELECT key FROM feature_timer WHERE tenant_id = :tenant AND feature_id = 'otp' ORDER BY key")
                .param("tenant", tenant).query(String.class).list();
    }

    private Instant purgeDue(String tenant) {
        return jdbc.sql("SELECT due_at FROM feature_timer WHERE tenant_id = :tenant AND feature_id = 'otp'"
                + " AND key = 'purge'").param("tenant", tenant).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant).orElse(null);
    }

    @Test
    void unknownPurpose_badNumberAndBadCode_are400FieldErrors() {
        String tenant = otpTenant("otp-400");

        Response purpose = start(tenant, PHONE, "payout");
        Response number = start(tenant, "015112345678", "login");
        Response code = check(tenant, PHONE, "login", "12ab");

        expectProblem(purpose, 400, "invalid-request");
        assertThat(purpose.json().get("errors").toString()).isEqualTo("{\"purpose\":\"one of signup, login, reset\"}");
        expectProblem(number, 400, "invalid-request");
        assertThat(number.json().get("errors").toString())
                .isEqualTo("{\"to\":\"a mobile number in E.164 format, for example +4915112345678\"}");
        expectProblem(code, 400, "invalid-request");
        assertThat(code.json().get("errors").toString()).isEqualTo("{\"code\":\"4 to 10 digits\"}");
    }

    @Test
    void configuredPurposesAndCodeLength_apply() {
        String tenant = otpTenant("otp-settings");
        otpSettings(tenant, "{\"purposes\":[\"payout\"],\"codeLength\":8}");

        Response payout = start(tenant, PHONE, "payout");
        Response login = start(tenant, PHONE, "login");

        assertThat(payout.status()).as(payout.body()).isEqualTo(201);
        assertThat(sentCode(tenant, PHONE)).hasSize(8);
        expectProblem(login, 400, "invalid-request");
    }

    @Test
    void settingsOutsideTheirRanges_are422_withAnErrorPerField() {
        String tenant = otpTenant("otp-ranges");

        Response response = put("/api/v1/tenants/" + tenant + "/features/otp", """
                {"settings":{"codeLength":3,"expiryMinutes":91,"allowedCountries":["Germany"]}}""");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        List<String> fields = response.json().get("errors").properties().stream().map(java.util.Map.Entry::getKey)
                .toList();
        assertThat(fields).contains("codeLength", "expiryMinutes")
                .anySatisfy(field -> assertThat(field).startsWith("allowedCountries"));
    }
}
