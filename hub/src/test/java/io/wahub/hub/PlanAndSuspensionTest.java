package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plans and their limits, operator-only tenant changes, and suspension that loses nothing. */
class PlanAndSuspensionTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_plan_secret";

    @Autowired
    JdbcClient jdbc;

    private String tenant;
    private String shopDomain;

    @BeforeEach
    void shop() {
        tenant = uniqueTenantId("plan");
        shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
    }

    @Test
    void plansAndTheirLimits_areReadable() {
        Response plans = get("/api/v1/plans");

        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.json().findValuesAsText("id")).startsWith("free", "starter", "pro", "enterprise");
        var free = plans.json().get(0);
        assertThat(free.get("messagesPerMonth").asInt()).isEqualTo(100);
        assertThat(free.get("apiCallsPerMinute").asInt()).isEqualTo(60);
        assertThat(free.get("features").toString()).isEqualTo("[\"packing-list\"]");
        var tenantView = get("/api/v1/tenants/" + tenant).json();
        assertThat(tenantView.get("plan").get("id").asText()).isEqualTo("free");
        assertThat(tenantView.get("plan").get("messagesPerMonth").asInt()).isEqualTo(100);
    }

    @Test
    void operatorReplansTenant_andUnknownPlanIs422() {
        Response replanned = call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}");

        assertThat(replanned.status()).as(replanned.body()).isEqualTo(200);
        assertThat(replanned.json().get("plan").get("id").asText()).isEqualTo("pro");
        expectProblem(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"platinum\"}"), 422, "unknown-plan");
    }

    @Test
    void tenantAdminKey_cannotCreateSuspendOrReplan_butMayRename() {
        String key = adminKey(tenant);

        expectProblem(callAs(key, "PATCH", "/api/v1/tenants/" + tenant, "{\"status\":\"suspended\"}"), 403,
                "operator-only");
        expectProblem(callAs(key, "PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}"), 403,
                "operator-only");
        expectProblem(callAs(key, "POST", "/api/v1/tenants", "{\"id\":\"" + uniqueTenantId("x")
                + "\",\"name\":\"X\"}"), 403, "operator-only");
        Response renamed = callAs(key, "PATCH", "/api/v1/tenants/" + tenant,
                "{\"name\":\"Renamed " + tenant + "\"}");

        assertThat(renamed.status()).isEqualTo(200);
        var stored = get("/api/v1/tenants/" + tenant).json();
        assertThat(stored.get("status").asText()).isEqualTo("active");
        assertThat(stored.get("plan").get("id").asText()).isEqualTo("free");
        assertThat(stored.get("name").asText()).isEqualTo("Renamed " + tenant);
    }

    @Test
    void enablingFeatureOutsidePlan_is403FeatureNotInPlan() {
        jdbc.sql("""
                        INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                        VALUES ('test-no-features', 'No features', 10, 60, ARRAY[]::text[], 98)
                        ON CONFLICT DO NOTHING
                        """).update();
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"test-no-features\"}");

        Response refused = put("/api/v1/tenants/" + tenant + "/features/packing-list", "{\"enabled\":true}");

        expectProblem(refused, 403, "feature-not-in-plan");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("Feature 'packing-list' is not part of plan 'test-no-features'; it allows [].");
        assertThat(get("/api/v1/tenants/" + tenant + "/features").json().get(0).get("enabled").asBoolean())
                .isFalse();
    }

    @Test
    void featureEnabledBeforeADowngrade_doesNotRunOnThePlanWithoutIt() {
        enableFeature(tenant, "packing-list", true);
        jdbc.sql("""
                        INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                        VALUES ('test-no-features', 'No features', 10, 60, ARRAY[]::text[], 98)
                        ON CONFLICT DO NOTHING
                        """).update();
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"test-no-features\"}");

        assertThat(postShopify(tenant, "orders/create", "down-1", bytes(shopifyOrder()), SECRET, shopDomain)
                .status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/events").json().findValuesAsText("status"))
                .containsExactly("done"));
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).isEmpty();
    }

    @Test
    void messageOverMonthlyQuota_isStoredBlockedWithTheReason_andShownInUsage() {
        jdbc.sql("""
                        INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                        VALUES ('test-one-message', 'One message', 1, 60, NULL, 97) ON CONFLICT DO NOTHING
                        """).update();
        call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"test-one-message\"}");
        enableFeature(tenant, "packing-list", true);

        postShopify(tenant, "orders/create", "q-1", bytes(shopifyOrder()), SECRET, shopDomain);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/messages").json().findValuesAsText("status"))
                .containsExactly("sent"));
        postShopify(tenant, "orders/create", "q-2", bytes(shopifyOrder().replace("\"id\": 820982911946154508",
                "\"id\": 820982911946154509")), SECRET, shopDomain);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var messages = get("/api/v1/tenants/" + tenant + "/messages").json();
            assertThat(messages.findValuesAsText("status")).containsExactlyInAnyOrder("sent", "suppressed");
        });
        var messages = get("/api/v1/tenants/" + tenant + "/messages").json();
        var blocked = messages.get(0).get("status").asText().equals("suppressed") ? messages.get(0) : messages.get(1);
        assertThat(blocked.get("lastError").asText()).isEqualTo("Monthly message quota of 1 reached "
                + "(plan 'test-one-message'); upgrade the plan or wait until next month.");
        var usage = get("/api/v1/tenants/" + tenant + "/usage?month=" + YearMonth.now(ZoneOffset.UTC)).json();
        assertThat(usage.get("quota").toString()).isEqualTo("{\"limit\":1,\"used\":1,\"remaining\":0,\"blocked\":1,\"released\":0}");
        assertThat(usage.get("totals").get("webhooks.received").asLong()).isEqualTo(2);
        assertThat(usage.get("totals").get("messages.utility").asLong()).isEqualTo(1);
        assertThat(usage.get("days").get(0).get("metrics").get("webhooks.received").asLong()).isEqualTo(2);
    }

    @Test
    void suspendedTenant_storesWebhooksButSendsNothing_untilReactivated() {
        enableFeature(tenant, "packing-list", true);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"status\":\"suspended\"}").status())
                .isEqualTo(200);

        Response ack = postShopify(tenant, "orders/create", "s-1", bytes(shopifyOrder()), SECRET, shopDomain);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(get("/api/v1/tenants/" + tenant + "/events").json().findValuesAsText("status"))
                    .containsExactly("pending");
            assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).isEmpty();
        });

        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"status\":\"active\"}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/messages").json().findValuesAsText("status"))
                .containsExactly("sent"));
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json().findValuesAsText("status"))
                .containsExactly("done");
        var audit = get("/api/v1/tenants/" + tenant + "/audit").json();
        assertThat(audit.get(0).get("action").asText()).isEqualTo("tenant.changed");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("key:" + OPERATOR_KEY.substring(0, 15));
        var detail = audit.get(0).get("detail");
        assertThat(detail.size()).isEqualTo(1);
        assertThat(detail.get("status").get("from").asText()).isEqualTo("suspended");
        assertThat(detail.get("status").get("to").asText()).isEqualTo("active");
    }

    @Test
    void unknownMonth_is400() {
        expectProblem(get("/api/v1/tenants/" + tenant + "/usage?month=November"), 400, "invalid-month");
    }
}
