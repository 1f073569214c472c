package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.security.BoundedPasswordEncoder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub behind a reverse proxy it trusts ({@code wahub.http.trust-forwarded-headers=true}), with the sign-in
 * limits small: 3 attempts a minute per address and per account, 2 concurrent password hashes waited for 100 ms.
 * The client addresses are documentation IPv6 networks, random per run, so earlier runs' buckets do not count.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TrustedProxySignInTest extends PeopleTest {

    @DynamicPropertySource
    static void behindAProxyWithSmallLimits(DynamicPropertyRegistry registry) {
        registry.add("wahub.http.trust-forwarded-headers", () -> "true");
        registry.add("wahub.sign-in.per-address-per-minute", () -> "3");
        registry.add("wahub.sign-in.per-account-per-minute", () -> "3");
        registry.add("wahub.sign-in.concurrent-hashes", () -> "2");
        registry.add("wahub.sign-in.hash-wait", () -> "100ms");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BoundedPasswordEncoder encoder;

    /** A random /48 of the documentation range, and a /64 in it: the client network of a test. */
    private String site;
    private String network;
    private String tenant;

    @BeforeEach
    void randomClientNetwork() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        site = "2001:db8:" + hex.substring(0, 4);
        network = site + ":" + hex.substring(4);
        tenant = uniqueTenantId("proxied");
        createTenant(tenant);
    }

    private Browser from(String address) {
        Browser browser = browser();
        browser.headers.put("X-Forwarded-For", address);
        return browser;
    }

    @Test
    void perAddressLimit_answers429_countingAnIpv6ClientByItsSlash64() {
        for (int i = 1; i <= 3; i++) {
            expectProblem(from(network + "::" + i).signIn("guess-" + i + "-" + tenant + "@example.com",
                    "wrong-password"), 401, "bad-credentials");
        }

        Response fourth = from(network + "::ffff").signIn("guess-4-" + tenant + "@example.com", "wrong-password");
        Response otherNetwork = from(site + ":1::1").signIn("guess-5-" + tenant + "@example.com", "wrong-password");

        expectProblem(fourth, 429, "sign-in-rate-limited");
        assertThat(Long.parseLong(fourth.headers().get("retry-after").getFirst())).isBetween(1L, 60L);
        assertThat(fourth.json().get("detail").asText())
                .startsWith("3 sign-in attempts a minute are allowed from one address. Retry after ");
        expectProblem(otherNetwork, 401, "bad-credentials");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log WHERE tenant_id IS NULL AND action = 'user.sign-in-failed'
                        AND target LIKE :pattern AND remote_addr LIKE :network""")
                .param("pattern", "guess-%-" + tenant + "@example.com").param("network", network + "::%")
                .query(Long.class).single()).as("the refused fourth attempt is not audited").isEqualTo(3);
    }

    @Test
    void perAccountLimit_answers429_fromEveryAddress() {
        String email = "popular-" + tenant + "@example.com";
        for (int i = 1; i <= 3; i++) {
            expectProblem(from(site + ":" + i + "::1").signIn(email, "wrong"), 401, "bad-credentials");
        }

        Response fourth = from(site + ":4::1").signIn(email, "wrong");

        expectProblem(fourth, 429, "sign-in-rate-limited");
        assertThat(fourth.json().get("detail").asText())
                .startsWith("3 sign-in attempts a minute are allowed for one account. Retry after ");
        assertThat(jdbc.sql("""
                        SELECT detail->>'reason' FROM audit_log WHERE tenant_id IS NULL AND target = :email
                        ORDER BY id DESC LIMIT 1""")
                .param("email", email).query(String.class).single()).isEqualTo("account-rate-limited");
    }

    @Test
    void forwardedProtoHttps_makesTheSessionAndXsrfCookiesSecure_andPlainHttpDoesNot() {
        String email = person(tenant, "tls@" + tenant + ".example", "member", "tls-password-12345");
        Browser viaHttps = from(network + "::1");
        viaHttps.headers.put("X-Forwarded-Proto", "https");
        Browser viaHttp = from(network + "::2");

        Response secure = viaHttps.signIn(email, "tls-password-12345");
        Response plain = viaHttp.signIn(email, "tls-password-12345");

        assertThat(secure.status()).as(secure.body()).isEqualTo(200);
        assertThat(Browser.setCookie(secure, "JSESSIONID").orElseThrow()).contains("; Secure");
        assertThat(Browser.setCookie(secure, "XSRF-TOKEN").orElseThrow()).contains("; Secure");
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(Browser.setCookie(plain, "JSESSIONID").orElseThrow()).doesNotContain("Secure");
        assertThat(Browser.setCookie(plain, "XSRF-TOKEN").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void forwardedFor_isTheAuditedAddress() {
        String email = person(tenant, "far-away@" + tenant + ".example", "member", "far-password-12345");

        assertThat(from("203.0.113.9").signIn(email, "far-password-12345").status()).isEqualTo(200);

        assertThat(jdbc.sql("""
                        SELECT remote_addr FROM audit_log WHERE tenant_id IS NULL AND target = :e
                        AND action = 'user.signed-in'""")
                .param("e", email).query(String.class).single()).isEqualTo("203.0.113.9");
    }

    @Test
    void whileEveryHashPermitIsHeld_signInAnswers503WithRetryAfter_withoutHashingOrCountingTheAttempt()
            throws Exception {
        String email = person(tenant, "busy@" + tenant + ".example", "member", "busy-password-12345");
        CountDownLatch held = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService holders = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                holders.submit(() -> encoder.withPermit(() -> {
                    held.countDown();
                    try {
                        return release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            long hashesBefore = encoder.hashesComputed();

            long started = System.nanoTime();
            Response busy = from(network + "::1").signIn(email, "busy-password-12345");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            expectProblem(busy, 503, "hashing-busy");
            assertThat(busy.headers().get("retry-after")).containsExactly("1");
            assertThat(took).as("refused after the 100 ms wait, not after a queue").isLessThan(Duration.ofSeconds(5));
            assertThat(encoder.hashesComputed()).isEqualTo(hashesBefore);
            assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE email = :e").param("e", email)
                    .query(Integer.class).single()).isZero();
            release.countDown();
        }

        assertThat(from(network + "::2").signIn(email, "busy-password-12345").status()).isEqualTo(200);
    }
}
