package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.security.BoundedPasswordEncoder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 10, item 2 and the session fixes, on the default configuration (no forwarded headers trusted): the lockout
 * holds under parallel guesses, sign-ins are audited, the XSRF token is new after sign-in, a password change ends
 * the person's other sessions, and forwarded headers are ignored.
 */
class SignInHardeningTest extends PeopleTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BoundedPasswordEncoder encoder;

    private String tenant;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId("signin");
        createTenant(tenant);
    }

    @Test
    void twentyParallelWrongGuesses_reachOnlyFivePasswordChecks_thenTheAccountIsLocked() throws Exception {
        String email = person(tenant, "target@" + tenant + ".example", "member", "the-right-password-1");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = "wrong-guess-" + i;
            guesses.add(() -> {
                start.await();
                return browser().signIn(email, guess);
            });
        }

        long hashesBefore = encoder.hashesComputed();
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Future<Response>> running = guesses.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Response> answer : running) {
                answers.add(answer.get());
            }
        }

        Map<String, Long> byType = answers.stream().collect(Collectors.groupingBy(
                r -> r.status() + " " + r.json().get("type").asText().replace("https://wahub.dev/problems/", ""),
                Collectors.counting()));
        // Five reserved checks: four wrong (401), the fifth wrong and locking (429); fifteen refused as locked.
        assertThat(byType).isEqualTo(Map.of("401 bad-credentials", 4L, "429 login-locked", 16L));
        assertThat(encoder.hashesComputed() - hashesBefore).as("passwords hashed").isEqualTo(5);
        Map<String, Object> state = jdbc.sql("SELECT failed_logins, locked_until FROM app_user WHERE email = :e")
                .param("e", email).query().singleRow();
        assertThat(state.get("failed_logins")).isEqualTo(5);
        assertThat(((Timestamp) state.get("locked_until")).toInstant()).isAfter(Instant.now().plusSeconds(15));
        expectProblem(browser().signIn(email, "the-right-password-1"), 429, "login-locked");
        assertThat(answers.stream().filter(r -> r.status() == 429))
                .allSatisfy(r -> assertThat(r.headers()).containsKey("retry-after"));
    }

    @Test
    void signInsAndFailedSignIns_areAuditedWithEmailAndAddress_neverThePassword() {
        String email = person(tenant, "audited@" + tenant + ".example", "member", "audited-password-1");
        String unknown = "nobody-" + tenant + "@example.com";

        expectProblem(browser().signIn(email, "a-wrong-secret-guess"), 401, "bad-credentials");
        expectProblem(browser().signIn(unknown, "another-secret-guess"), 401, "bad-credentials");
        assertThat(browser().signIn(email, "audited-password-1").status()).isEqualTo(200);

        Response log = get("/api/v1/audit?limit=1000");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : log.json()) {
            String target = entry.get("target").asText();
            if (target.equals(email) || target.equals(unknown)) {
                entries.add(entry.get("actor").asText() + " " + entry.get("action").asText() + " " + target + " "
                        + entry.get("detail") + " " + entry.get("remoteAddr").asText());
            }
        }
        String from = entries.isEmpty() ? "" : entries.getFirst().substring(entries.getFirst().lastIndexOf(' ') + 1);
        assertThat(from).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(entries).containsExactly(
                email + " user.signed-in " + email + " {} " + from,
                "anonymous user.sign-in-failed " + unknown + " {\"via\":\"session\",\"reason\":\"bad-credentials\"} "
                        + from,
                "anonymous user.sign-in-failed " + email + " {\"via\":\"session\",\"reason\":\"bad-credentials\"} "
                        + from);
        assertThat(log.body()).doesNotContain("a-wrong-secret-guess", "another-secret-guess", "audited-password-1");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE tenant_id IS NULL AND target = :e")
                .param("e", email).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void platformAuditLog_isForTheOperatorOnly() {
        String email = person(tenant, "curious@" + tenant + ".example", "admin", "curious-password-1");
        Browser admin = browser().signedIn(email, "curious-password-1");

        expectProblem(admin.call("GET", "/api/v1/audit", null), 403, "operator-only");
    }

    @Test
    void signIn_rotatesTheXsrfToken_andTheTokenFromBeforeNoLongerWorks() {
        String email = person(tenant, "xsrf@" + tenant + ".example", "admin", "xsrf-password-1234");
        Browser browser = browser();
        browser.call("GET", "/api/v1/session", null); // 401, but the panel gets its XSRF-TOKEN cookie
        String before = browser.xsrf();
        assertThat(before).isNotBlank();

        Response signedIn = browser.signIn(email, "xsrf-password-1234");

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(Browser.setCookie(signedIn, "XSRF-TOKEN")).isPresent();
        String after = browser.xsrf();
        assertThat(after).isNotBlank().isNotEqualTo(before);
        expectProblem(browser.call("PATCH", "/api/v1/tenants/" + tenant, "{\"name\":\"old token\"}", before), 403,
                "csrf-or-access-denied");
        assertThat(browser.call("PATCH", "/api/v1/tenants/" + tenant, "{\"name\":\"new token\"}").status())
                .isEqualTo(200);
    }

    @Test
    void passwordChange_endsThePersonsOtherSessions_andKeepsThisOne() {
        String email = person(tenant, "two-devices@" + tenant + ".example", "member", "first-password-1234");
        Browser laptop = browser().signedIn(email, "first-password-1234");
        Browser phone = browser().signedIn(email, "first-password-1234");
        Browser someoneElse = browser().signedIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        assertThat(phone.call("GET", "/api/v1/session", null).status()).isEqualTo(200);

        Response changed = laptop.call("PUT", "/api/v1/session/password",
                "{\"currentPassword\":\"first-password-1234\",\"newPassword\":\"second-password-5678\"}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        expectProblem(phone.call("GET", "/api/v1/session", null), 401, "unauthenticated");
        assertThat(laptop.call("GET", "/api/v1/session", null).status()).isEqualTo(200);
        assertThat(someoneElse.call("GET", "/api/v1/session", null).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :e")
                .param("e", email).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void forwardedHeaders_areIgnoredByDefault() {
        String email = person(tenant, "proxied@" + tenant + ".example", "member", "proxied-password-1");
        Browser browser = browser();
        browser.headers.put("X-Forwarded-Proto", "https");
        browser.headers.put("X-Forwarded-For", "203.0.113.77");

        Response signedIn = browser.signIn(email, "proxied-password-1");

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(Browser.setCookie(signedIn, "JSESSIONID").orElseThrow()).doesNotContainIgnoringCase("secure");
        assertThat(Browser.setCookie(signedIn, "XSRF-TOKEN").orElseThrow()).doesNotContainIgnoringCase("secure");
        assertThat(jdbc.sql("""
                        SELECT remote_addr FROM audit_log WHERE tenant_id IS NULL AND target = :e
                        AND action = 'user.signed-in'""")
                .param("e", email).query(String.class).single()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }
}
