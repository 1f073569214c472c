package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wahub.hub.apikey.ApiKeySecrets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys: shown once, stored hashed, refused when unknown, revoked or expired, scoped and rate-limited. */
class ApiKeyTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String tenant;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId("keys");
        createShop(tenant, "shpss_keys", tenant + ".myshopify.com");
    }

    @Test
    void createdKey_isShownOnceWithReadablePrefix_andStoredAsSha256() {
        Response created = post("/api/v1/tenants/" + tenant + "/keys", """
                {"name":"ERP sync","scopes":["messages:read"]}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        assertThat(secret).matches("whk_live_[0-9A-Za-z]{40}");
        var key = created.json().get("key");
        assertThat(key.get("prefix").asText()).isEqualTo(secret.substring(0, 15));
        assertThat(key.get("scopes").findValuesAsText("")).isEmpty();
        assertThat(key.get("scopes").toString()).isEqualTo("[\"messages:read\"]");
        String stored = jdbc.sql("SELECT secret_hash FROM api_key WHERE id = :id::uuid")
                .param("id", key.get("id").asText()).query(String.class).single();
        assertThat(stored).isEqualTo(ApiKeySecrets.sha256(secret)).doesNotContain(secret);
        Response listed = get("/api/v1/tenants/" + tenant + "/keys");
        assertThat(listed.body()).doesNotContain(secret).contains(key.get("prefix").asText());
        assertThat(listed.json().get(0).has("secret")).isFalse();
    }

    @Test
    void validKey_readsItsTenant_andRecordsLastUseAndApiCalls() {
        String key = createKey(tenant, "{\"name\":\"reader\"}");

        Response response = callAs(key, "GET", "/api/v1/tenants/" + tenant + "/messages", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/v1/tenants/" + tenant + "/keys").json().get(0).get("lastUsedAt"))
                        .isNotNull());
        var usage = get("/api/v1/tenants/" + tenant + "/usage?month=" + YearMonth.now(ZoneOffset.UTC)).json();
        assertThat(usage.get("totals").has("api.calls")).as(usage.toString()).isTrue();
        assertThat(usage.get("totals").get("api.calls").asLong()).isEqualTo(1);
    }

    @Test
    void keyCalls_createNoSession_norSetACookie() {
        String key = createKey(tenant, "{\"name\":\"stateless\",\"scopes\":[\"tenant:read\",\"tenant:write\"]}");
        long sessionsBefore = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();

        Response read = callAs(key, "GET", "/api/v1/tenants/" + tenant, null);
        Response write = callAs(key, "PATCH", "/api/v1/tenants/" + tenant,
                "{\"name\":\"Renamed " + tenant + "\"}");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        assertThat(read.headers().getOrDefault("set-cookie", java.util.List.of())).isEmpty();
        assertThat(write.headers().getOrDefault("set-cookie", java.util.List.of())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single())
                .isEqualTo(sessionsBefore);
    }

    @Test
    void revokedKey_isRefusedWith401() {
        Response created = post("/api/v1/tenants/" + tenant + "/keys", "{\"name\":\"to revoke\"}");
        String key = created.json().get("secret").asText();
        String id = created.json().get("key").get("id").asText();
        assertThat(callAs(key, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);

        assertThat(call("DELETE", "/api/v1/tenants/" + tenant + "/keys/" + id, null).status()).isEqualTo(204);
        Response refused = callAs(key, "GET", "/api/v1/tenants/" + tenant, null);

        expectProblem(refused, 401, "api-key-revoked");
        assertThat(refused.json().get("detail").asText()).startsWith("The API key " + key.substring(0, 15)
                + "… was revoked at ");
        assertThat(get("/api/v1/tenants/" + tenant + "/keys").json().get(0).get("revokedAt")).isNotNull();
    }

    @Test
    void expiredKey_isRefusedWith401() {
        Instant expiry = Instant.now().plusSeconds(2);
        String key = createKey(tenant, "{\"name\":\"short-lived\",\"expiresAt\":\"" + expiry + "\"}");
        assertThat(callAs(key, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Response refused = callAs(key, "GET", "/api/v1/tenants/" + tenant, null);
            expectProblem(refused, 401, "api-key-expired");
        });
    }

    @Test
    void unknownKey_isRefusedWith401() {
        Response refused = callAs("whk_live_" + "x".repeat(40), "GET", "/api/v1/tenants/" + tenant, null);

        expectProblem(refused, 401, "invalid-api-key");
        assertThat(refused.json().get("detail").asText()).isEqualTo("The API key is not valid.");
    }

    @Test
    void noCredentials_is401Problem() {
        expectProblem(callAs(null, "GET", "/api/v1/tenants/" + tenant, null), 401, "unauthenticated");
    }

    @Test
    void anonymousWrite_is401NotCsrf403() {
        expectProblem(callAs(null, "POST", "/api/v1/tenants", "{\"id\":\"anon-x\",\"name\":\"X\"}"), 401,
                "unauthenticated");
    }

    @Test
    void keyWithoutScope_is403InsufficientScope() {
        String key = createKey(tenant, "{\"name\":\"reader\",\"scopes\":[\"tenant:read\"]}");

        Response refused = callAs(key, "PATCH", "/api/v1/tenants/" + tenant, "{\"name\":\"renamed\"}");

        expectProblem(refused, 403, "insufficient-scope");
        assertThat(refused.json().get("detail").asText()).isEqualTo("This API key lacks the scope 'tenant:write'.");
        assertThat(get("/api/v1/tenants/" + tenant).json().get("name").asText()).isEqualTo("Shop " + tenant);
    }

    @Test
    void rateLimitedKey_gets429WithRetryAfter() {
        String key = createKey(tenant, "{\"name\":\"slow\",\"rateLimitPerMinute\":3}");
        for (int i = 0; i < 3; i++) {
            assertThat(callAs(key, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);
        }

        Response limited = callAs(key, "GET", "/api/v1/tenants/" + tenant, null);

        expectProblem(limited, 429, "rate-limited");
        long retryAfter = Long.parseLong(limited.headers().get("retry-after").getFirst());
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(limited.json().get("detail").asText())
                .startsWith("API key " + key.substring(0, 15) + "… allows 3 calls per minute. Retry after ");
    }

    @Test
    void planRateLimit_isSharedByAllKeysOfTheTenant() {
        jdbc.sql("""
                        INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                        VALUES ('test-2-calls', 'Two calls', NULL, 2, NULL, 99) ON CONFLICT DO NOTHING
                        """).update();
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"test-2-calls\"}").status())
                .isEqualTo(200);
        String first = createKey(tenant, "{\"name\":\"one\"}");
        String second = createKey(tenant, "{\"name\":\"two\"}");

        assertThat(callAs(first, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);
        assertThat(callAs(second, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);
        Response limited = callAs(first, "GET", "/api/v1/tenants/" + tenant, null);

        expectProblem(limited, 429, "rate-limited");
        assertThat(limited.headers()).containsKey("retry-after");
        assertThat(limited.json().get("detail").asText())
                .startsWith("Plan 'test-2-calls' allows 2 API calls per minute. Retry after ");
    }

    @Test
    void keyCannotCreateKeyWithMoreScopesThanItHolds() {
        String key = createKey(tenant, "{\"name\":\"admin only\",\"scopes\":[\"admin\"]}");

        Response refused = callAs(key, "POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"escalate\",\"scopes\":[\"tenant:write\"]}");

        expectProblem(refused, 403, "scope-escalation");
    }
}
