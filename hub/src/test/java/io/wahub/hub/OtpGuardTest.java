package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The OTP feature's guards through the real path: the pumping burst across one number prefix, spread traffic, the
 * country allow-list, the counters, tenant isolation and the feature scope of API keys.
 */
class OtpGuardTest extends OtpTestBase {

    /** The prefix (the number minus its last 4 digits) of the burst's numbers, +49151123 and 00000 to 00999. */
    private static final String BURST_PREFIX = "+491511230";

    @Test
    void burstOf1000StartsAcrossOnePrefix_isBlockedAfter20Sends_whileSpreadTrafficPasses_andBlocksAreCounted() {
        String tenant = otpTenant("otp-pump");
        Map<Integer, Integer> statuses = new HashMap<>();
        Response firstBlocked = null;

        for (int i = 0; i < 1000; i++) {
            Response response = start(tenant, "+49151123%05d".formatted(i), "signup");
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() == 429 && firstBlocked == null) {
                firstBlocked = response;
            }
        }
        List<Integer> spread = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // numbers of 0151 at random: about 100 different prefixes among 10,000, never the burst's (which a random
            // number hit once in 10,000, failing about one run in a hundred)
            String number;
            do {
                number = "+49151%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
            } while (number.startsWith(BURST_PREFIX));
            spread.add(start(tenant, number, "signup").status());
        }
        JsonNode stats = get(otp(tenant, "/stats")).json();

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 20, 429, 980));
        expectProblem(firstBlocked, 429, "fraud-suspected");
        assertThat(firstBlocked.json().get("detail").asText()).isEqualTo("Start refused as suspected OTP pumping:"
                + " numbers starting " + BURST_PREFIX + " got 20 codes within an hour (setting prefixSendsPerHour).");
        assertThat(spread).containsOnly(201);
        assertThat(stats.get("fraudSuspected").asLong()).isEqualTo(980);
        assertThat(stats.at("/counters/fraud-suspected.prefix").asLong()).isEqualTo(980);
        assertThat(stats.at("/counters/started").asLong()).isEqualTo(120);
    }

    @Test
    void countryAllowList_refusesOtherCountries403_andCountsThem() {
        String tenant = otpTenant("otp-countries");
        otpSettings(tenant, "{\"allowedCountries\":[\"DE\",\"at\"]}");

        Response germany = start(tenant, "+4915112345678", "login");
        Response austria = start(tenant, "+436641234567", "login");
        Response france = start(tenant, "+33612345678", "login");

        assertThat(germany.status()).as(germany.body()).isEqualTo(201);
        assertThat(austria.status()).as(austria.body()).isEqualTo(201);
        expectProblem(france, 403, "country-not-allowed");
        assertThat(france.json().get("detail").asText())
                .isEqualTo("Codes are not sent to FR numbers; allowed: DE, AT (setting allowedCountries).");
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/country-not-allowed").asLong()).isEqualTo(1);
    }

    @Test
    void countryVelocity_blocksOnceTheCountryHadItsCodesForTheHour() {
        String tenant = otpTenant("otp-country-rate");
        otpSettings(tenant, "{\"countrySendsPerHour\":3}");

        List<Integer> statuses = new ArrayList<>();
        for (String to : List.of("+33612345678", "+33623456789", "+33634567890", "+33645678901")) {
            statuses.add(start(tenant, to, "login").status());
        }
        Response germany = start(tenant, "+4915112345678", "login");

        assertThat(statuses).containsExactly(201, 201, 201, 429);
        assertThat(germany.status()).isEqualTo(201);
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/fraud-suspected.country").asLong()).isEqualTo(1);
    }

    @Test
    void countryVelocity_countsTheLastHourOnly_sendsOlderThanThatNoLongerCount() {
        String tenant = otpTenant("otp-country-window");
        otpSettings(tenant, "{\"countrySendsPerHour\":3}");

        List<Integer> statuses = new ArrayList<>();
        statuses.add(start(tenant, "+33611111111", "login").status());
        statuses.add(start(tenant, "+33622222222", "login").status());
        clock.offset.set(Duration.ofMinutes(30));
        statuses.add(start(tenant, "+33633333333", "login").status());
        statuses.add(start(tenant, "+33644444444", "login").status());
        clock.offset.set(Duration.ofMinutes(61)); // the first two sends are more than an hour old
        statuses.add(start(tenant, "+33655555555", "login").status());
        statuses.add(start(tenant, "+33666666666", "login").status());
        statuses.add(start(tenant, "+33677777777", "login").status());

        assertThat(statuses).containsExactly(201, 201, 201, 429, 201, 201, 429);
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/fraud-suspected.country").asLong()).isEqualTo(2);
    }

    @Test
    void planSendRate_refusesTheStartBeyondIt429_beforeAnythingIsSent_whileChecksGoOn() {
        String tenant = otpTenant("otp-plan-rate");
        jdbc.sql("INSERT INTO plan (id, name, sends_per_minute, rank) VALUES ('otp-three', 'Three a minute', 3, 50)"
                + " ON CONFLICT (id) DO NOTHING").update();
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"otp-three\"}").status()).isEqualTo(200);

        List<Integer> statuses = new ArrayList<>();
        for (String to : List.of("+4915111111111", "+4915122222222", "+4915133333333")) {
            statuses.add(start(tenant, to, "login").status());
        }
        Response fourth = start(tenant, "+4915144444444", "login");
        String code = codeIn(messagesTo(tenant, "+4915111111111", 1).getFirst());
        Response checked = check(tenant, "+4915111111111", "login", code);

        assertThat(statuses).containsExactly(201, 201, 201);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.json().get("type").asText()).endsWith("/send-rate-exceeded");
        assertThat(fourth.json().get("detail").asText()).startsWith("Plan 'otp-three' allows 3 sends a minute");
        assertThat(fourth.headers().get("retry-after")).isNotEmpty();
        assertThat(checked.json().get("status").asText()).isEqualTo("approved");
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/started").asLong()).isEqualTo(3);
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json().findValuesAsText("to"))
                .doesNotContain("+4915144444444");
    }

    @Test
    void anotherTenant_cannotReadCheckOrCancelTheVerification_404() {
        String a = otpTenant("otp-iso-a");
        String b = otpTenant("otp-iso-b");
        String bKey = createKey(b, "{\"name\":\"otp\",\"scopes\":[\"feature:otp\"]}");
        String id = start(a, "+4915112345678", "login").json().get("id").asText();
        String code = sentCode(a, "+4915112345678");

        Response read = callAs(bKey, "GET", otp(b, "/verifications/" + id), null);
        Response checked = callAs(bKey, "POST", otp(b, "/verification-checks"),
                "{\"to\":\"+4915112345678\",\"purpose\":\"login\",\"code\":\"" + code + "\"}");
        Response canceled = callAs(bKey, "POST", otp(b, "/verifications/" + id + "/cancel"), null);
        Response aPath = callAs(bKey, "GET", otp(a, "/verifications/" + id), null);

        expectProblem(read, 404, "not-found");
        expectProblem(checked, 404, "not-found");
        expectProblem(canceled, 404, "not-found");
        expectProblem(aPath, 404, "tenant-not-found");
        assertThat(get(otp(a, "/verifications/" + id)).json().get("status").asText()).isEqualTo("pending");
        assertThat(check(a, "+4915112345678", "login", code).json().get("status").asText()).isEqualTo("approved");
    }

    @Test
    void keyWithoutTheOtpScope_is403_andOneWithIt_starts() {
        String tenant = otpTenant("otp-scope");
        String readOnly = createKey(tenant, "{\"name\":\"ro\",\"scopes\":[\"tenant:read\",\"messages:read\"]}");
        String otpKey = createKey(tenant, "{\"name\":\"otp\",\"scopes\":[\"feature:otp\"]}");
        String body = "{\"to\":\"+4915112345678\",\"purpose\":\"login\"}";

        Response refused = callAs(readOnly, "POST", otp(tenant, "/verifications"), body);
        Response served = callAs(otpKey, "POST", otp(tenant, "/verifications"), body);

        assertRejectedWith(refused, 403, "insufficient-scope");
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("feature:otp");
        assertThat(served.status()).as(served.body()).isEqualTo(201);
    }

    @Test
    void withoutAnApprovedAuthenticationTemplate_startIs409_andNothingIsSent() {
        String tenant = otpTenant("otp-tpl");
        otpSettings(tenant, "{\"templateName\":\"missing_code\"}");

        Response response = start(tenant, "+4915112345678", "login");

        expectProblem(response, 409, "template-not-ready");
        assertThat(response.json().get("detail").asText()).isEqualTo("Codes go out as the AUTHENTICATION template"
                + " 'missing_code' (en_US), which this tenant does not have approved (settings templateName,"
                + " templateLanguage).");
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).isEmpty();
    }
}
