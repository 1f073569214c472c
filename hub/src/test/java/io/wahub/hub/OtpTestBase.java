package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the OTP tests: the real otp plugin jar (bundled with the hub, as built), its API through HTTP, PostgreSQL,
 * and the hub's clock replaced by one the tests move forward (subclasses share this hub). Tenants are on plan
 * enterprise (the feature is in it, and its API rate allows a burst), with the AUTHENTICATION template
 * {@code verification_code} (en_US) saved while on the sandbox, which approves it at once. The hub runs on an
 * embedded PostgreSQL of its own.
 */
@Import(AdjustableClock.Configuration.class)
abstract class OtpTestBase extends HubIntegrationTest {

    static final Pattern CODE = Pattern.compile("^\\*(\\d+)\\* is your verification code\\.");

    @DynamicPropertySource
    static void quickTimersAndPacing(DynamicPropertyRegistry registry) {
        registry.add("wahub.timers.period", () -> "100ms");
        registry.add("wahub.policy.recipient-interval", () -> "200ms");
        // a failed send waits long enough for a test to move the clock past a code's expiry meanwhile
        registry.add("wahub.delivery.initial-backoff", () -> "3s");
        // a database of its own: no other test class's hub takes the otp timers' events (with its own clock)
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    @Autowired
    AdjustableClock clock;

    @AfterEach
    void clockBack() {
        clock.offset.set(Duration.ZERO);
    }

    /** A tenant on the sandbox with the otp feature on (default settings) and its authentication template. */
    String otpTenant(String prefix) {
        String tenant = uniqueTenantId(prefix);
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        Response template = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"verification_code","language":"en_US","category":"AUTHENTICATION",
                 "authentication":{"addSecurityRecommendation":true,"codeExpirationMinutes":5},
                 "buttons":[{"type":"COPY_CODE","text":"Copy code"}]}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        enableFeature(tenant, "otp", true);
        return tenant;
    }

    /** Saves otp settings (JSON object) for the tenant. */
    void otpSettings(String tenant, String settingsJson) {
        Response saved = put("/api/v1/tenants/" + tenant + "/features/otp", "{\"settings\":" + settingsJson + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    static String otp(String tenant, String path) {
        return "/api/v1/tenants/" + tenant + "/features/otp" + path;
    }

    Response start(String tenant, String to, String purpose) {
        return post(otp(tenant, "/verifications"), "{\"to\":\"" + to + "\",\"purpose\":\"" + purpose + "\"}");
    }

    Response check(String tenant, String to, String purpose, String code) {
        return post(otp(tenant, "/verification-checks"),
                "{\"to\":\"" + to + "\",\"purpose\":\"" + purpose + "\",\"code\":\"" + code + "\"}");
    }

    /** The tenant's messages to {@code to}, oldest first, once {@code count} of them are no longer queued. */
    List<JsonNode> messagesTo(String tenant, String to, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            get("/api/v1/tenants/" + tenant + "/messages?limit=500").json().forEach(m -> {
                if (m.get("to").asText().equals(to)) {
                    found.add(m);
                }
            });
            return found.size() >= count && found.stream()
                    .noneMatch(m -> List.of("queued", "sending", "deferred").contains(m.get("status").asText()));
        });
        found.sort(java.util.Comparator.comparing(m -> m.get("createdAt").asText()));
        return found;
    }

    /** The code in a sent authentication message's text, as the sandbox shows it. */
    static String codeIn(JsonNode message) {
        Matcher matcher = CODE.matcher(message.get("text").asText());
        assertThat(matcher.find()).as(message.toString()).isTrue();
        return matcher.group(1);
    }

    /** A code of the same length that is not {@code code}. */
    static String wrongCode(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** The code of the only message sent to {@code to}. */
    String sentCode(String tenant, String to) {
        return codeIn(messagesTo(tenant, to, 1).getLast());
    }
}
