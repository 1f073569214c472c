package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.webhooklog.WebhookLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhooks that store nothing leave a trace the tenant's admins can read (with the real reason, while the anonymous
 * caller got one answer for all), bounded per tenant, invisible to other tenants; the dashboard counts them.
 */
class WebhookLogTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_webhook_log_secret";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    WebhookLog webhookLog;

    private String tenant;
    private String shopDomain;

    @BeforeEach
    void shop() {
        tenant = uniqueTenantId("wlog");
        shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
    }

    @Test
    void wrongSignature_isLoggedAsRefusedWithItsReason_andFilteredByOutcomeAndConnector() {
        Response refused = postShopify(tenant, "orders/create", "w1", bytes(shopifyOrder()), "not-the-secret",
                shopDomain);
        assertThat(refused.status()).isEqualTo(401);

        JsonNode row = await().atMost(WAIT).until(() -> get(log(tenant)).json(), rows -> rows.size() == 1).get(0);

        assertThat(row.path("connector").asText()).isEqualTo("shopify");
        assertThat(row.path("outcome").asText()).isEqualTo("refused");
        assertThat(row.path("status").asInt()).isEqualTo(401);
        assertThat(row.path("reason").asText()).isEqualTo("bad-signature");
        assertThat(row.path("detail").asText())
                .isEqualTo("X-Shopify-Hmac-Sha256 does not match the body signed with the webhookSecret setting");
        assertThat(get(log(tenant) + "?outcome=refused&connector=shopify").json().size()).isEqualTo(1);
        assertThat(get(log(tenant) + "?outcome=duplicate").json().size()).isZero();
        assertThat(get(log(tenant) + "?connector=stripe").json().size()).isZero();
        expectProblem(get(log(tenant) + "?outcome=lost"), 400, "invalid-filter");
    }

    @Test
    void duplicate_tooLarge_unknownConnector_andIgnoredTopic_eachLeaveTheirTrace() {
        byte[] order = bytes(shopifyOrder());
        assertThat(postShopify(tenant, "orders/create", "d1", order, SECRET, shopDomain).status()).isEqualTo(202);
        assertThat(postShopify(tenant, "orders/create", "d2", order, SECRET, shopDomain).status()).isEqualTo(200);
        assertThat(postShopify(tenant, "orders/create", "d3", ShopifyOrderToWhatsAppTest.oversized(), SECRET,
                shopDomain).status()).isEqualTo(413);
        assertThat(postWebhook("/webhooks/" + tenant + "/no-such-vendor", Map.of("Content-Type",
                "application/json"), bytes("{}")).status()).isEqualTo(401);
        assertThat(postShopify(tenant, "shop/update", "d4", bytes("{\"id\":1}"), SECRET, shopDomain).status())
                .isEqualTo(200);

        JsonNode rows = await().atMost(WAIT).until(() -> get(log(tenant)).json(), r -> r.size() == 4);

        assertThat(rows.findValuesAsText("reason")).containsExactlyInAnyOrder("duplicate", "payload-too-large",
                "unknown-connector", "ignored");
        assertThat(get(log(tenant) + "?outcome=duplicate").json().path(0).path("detail").asText())
                .isEqualTo("already received");
        assertThat(get(log(tenant) + "?outcome=ignored").json().path(0).path("detail").asText())
                .isEqualTo("topic shop/update is not used");
        assertThat(get(log(tenant) + "?reason=unknown-connector").json().path(0).path("connector").asText())
                .isEqualTo("no-such-vendor");
    }

    @Test
    void webhooksToATenantThatDoesNotExist_areNotLogged_andAFloodIsFoldedAndCappedPerTenant() {
        Instant now = Instant.now();
        for (int i = 0; i < 500; i++) {
            webhookLog.record(tenant, "shopify", WebhookLog.Outcome.REFUSED, 401, "bad-signature", "flood", now);
        }
        webhookLog.flush();
        JsonNode folded = get(log(tenant)).json();
        assertThat(folded.size()).as("folded by the flush that took them, at most two flushes").isBetween(1, 2);
        assertThat(folded.findValues("count").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(500);

        for (int i = 0; i < 250; i++) {
            webhookLog.record(tenant, "vendor-" + i, WebhookLog.Outcome.REFUSED, 401, "unknown-connector", null,
                    now.plusMillis(i + 1));
        }
        webhookLog.flush();
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_log WHERE tenant_id = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(200);

        postShopify("nobody-" + tenant, "orders/create", "n1", bytes(shopifyOrder()), SECRET, shopDomain);
        webhookLog.flush();
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_log WHERE tenant_id = :t").param("t", "nobody-" + tenant)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherTenantsKey_cannotReadTheLogNorTheDashboard_andItsOwnShowsNothingOfOurs() {
        postShopify(tenant, "orders/create", "x1", bytes(shopifyOrder()), "not-the-secret", shopDomain);
        await().atMost(WAIT).until(() -> get(log(tenant)).json().size() == 1);
        String other = uniqueTenantId("wlog-other");
        createTenant(other);
        String otherKey = adminKey(other);

        assertThat(callAs(otherKey, "GET", log(tenant), null).status()).isIn(403, 404);
        assertThat(callAs(otherKey, "GET", "/api/v1/tenants/" + tenant + "/dashboard", null).status())
                .isIn(403, 404);
        assertThat(callAs(otherKey, "GET", "/api/v1/tenants/" + tenant + "/webhook-log/last", null).status())
                .isIn(403, 404);
        assertThat(callAs(otherKey, "GET", log(other), null).json().size()).isZero();
        JsonNode otherDashboard = callAs(otherKey, "GET", "/api/v1/tenants/" + other + "/dashboard", null).json();
        assertThat(otherDashboard.path("webhooks").size()).isZero();
    }

    @Test
    void dashboard_countsMessagesByStatusAndCategory_theFunnel_webhooksPerConnector_andTheQuota() {
        enableFeature(tenant, "packing-list", true);
        postShopify(tenant, "orders/create", "m1", bytes(shopifyOrder()), SECRET, shopDomain);
        postShopify(tenant, "orders/create", "m2", bytes(shopifyOrder()), "not-the-secret", shopDomain);
        await().atMost(WAIT).until(() -> get(log(tenant)).json().size() == 1);

        JsonNode dashboard = await().atMost(WAIT).until(() -> get("/api/v1/tenants/" + tenant + "/dashboard").json(),
                d -> d.path("funnel").path("sent").asLong() == 1);

        assertThat(dashboard.path("days").size()).isEqualTo(14);
        assertThat(dashboard.path("messages").path(0).path("category").asText()).isEqualTo("UTILITY");
        assertThat(dashboard.path("funnel").path("total").asLong()).isEqualTo(1);
        assertThat(webhooks(dashboard, "received")).isEqualTo(1);
        assertThat(webhooks(dashboard, "refused")).isEqualTo(1);
        assertThat(dashboard.path("quota").path("used").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/tenants/" + tenant + "/webhook-log/last").json().path("shopify").path("outcome")
                .asText()).isEqualTo("refused");
    }

    @Test
    void sendTestEvent_postsASignedSampleThroughTheWebhookUrl_andItIsTheConnectorsLastWebhook() {
        Response tested = post("/api/v1/tenants/" + tenant + "/connectors/shopify/test-event", null);

        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        assertThat(tested.json().path("status").asInt()).isEqualTo(200);
        assertThat(tested.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(tested.json().path("reason").asText()).isEqualTo("topic shop/update is not used");
        JsonNode last = await().atMost(WAIT).until(() -> get("/api/v1/tenants/" + tenant + "/webhook-log/last")
                .json().path("shopify"), node -> !node.isMissingNode());
        assertThat(last.path("outcome").asText()).isEqualTo("ignored");
        assertThat(get("/api/v1/tenants/" + tenant + "/audit").json().findValuesAsText("action"))
                .contains("connector.test-event");
        expectProblem(post("/api/v1/tenants/" + tenant + "/connectors/stripe/test-event", null), 409,
                "no-test-event");
    }

    private static long webhooks(JsonNode dashboard, String outcome) {
        long sum = 0;
        for (JsonNode row : dashboard.path("webhooks")) {
            if (row.path("outcome").asText().equals(outcome) && row.path("connector").asText().equals("shopify")) {
                sum += row.path("count").asLong();
            }
        }
        return sum;
    }

    private static String log(String tenant) {
        return "/api/v1/tenants/" + tenant + "/webhook-log";
    }
}
