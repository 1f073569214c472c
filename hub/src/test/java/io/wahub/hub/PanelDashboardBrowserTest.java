package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and what feeds it, in real headless Chromium, after real webhooks: a signed Shopify order (its
 * packing list sent through the sandbox) and one with a wrong signature. The connectors page sends a test event
 * and shows it as the last webhook; the events page shows the refused webhook with its reason; the dashboard
 * draws its charts; usage and the audit log read in words (names, not ids); a failed save puts focus on the field. Screenshots land in target/panel-screenshots.
 */
class PanelDashboardBrowserTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_panel_dashboard";

    @Test
    void afterWebhooks_dashboardDrawsCharts_refusedWebhookShowsItsReason_andTestEventIsTheLastWebhook() {
        String tenant = uniqueTenantId("pdash");
        String shop = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shop);
        enableFeature(tenant, "packing-list", true);
        assertThat(postShopify(tenant, "orders/create", "o1", bytes(shopifyOrder()), SECRET, shop).status())
                .isEqualTo(202);
        assertThat(postShopify(tenant, "orders/create", "o2", bytes(shopifyOrder(2)), "wrong-secret", shop)
                .status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/tenants/" + tenant + "/dashboard").json()
                .path("funnel").path("sent").asLong() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/tenants/" + tenant + "/webhook-log")
                .json().size() == 1);

        PanelBrowser.Report report = PanelBrowser.run("dashboard", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);
        JsonNode facts = report.facts();

        assertThat(facts.path("testResult").asText())
                .isEqualTo("200 Test event ignored: topic shop/update is not used. The URL and the secret work.");
        assertThat(facts.path("lastWebhookText").asText()).contains("ignored", "Ignored: topic shop/update is not used");

        assertThat(facts.path("blank").path("focused").asText()).isEqualTo("Default country");
        assertThat(facts.path("blank").path("error").asText()).isEqualTo("must not be only spaces");
        assertThat(facts.path("refusedByHub").path("focused").asText()).isEqualTo("Default country");
        assertThat(facts.path("refusedByHub").path("error").asText())
                .isEqualTo("must be a two-letter ISO 3166 country code such as US or DE");

        assertThat(facts.path("refused").path("rows").asInt()).isEqualTo(1);
        assertThat(facts.path("refused").path("connector").asText()).isEqualTo("shopify");
        assertThat(facts.path("refused").path("reason").asText())
                .isEqualTo("Signature did not match (wrong or missing secret)");
        assertThat(facts.path("refused").path("status").asText()).isEqualTo("401");

        JsonNode dashboard = facts.path("dashboard");
        assertThat(dashboard.path("charts").asInt()).isEqualTo(4);
        assertThat(dashboard.path("statusChartDrawn").asBoolean()).isTrue();
        assertThat(dashboard.path("webhookChartDrawn").asBoolean()).isTrue();
        assertThat(texts(dashboard.path("webhookTable"))).containsExactly("shopify 1 1 1");
        assertThat(dashboard.path("quota").asText()).isEqualTo("1 of 100");

        assertThat(texts(facts.path("usageLabels"))).contains("Utility messages sent", "Webhooks received");
        assertThat(texts(facts.path("auditActions"))).contains("sent a test event", "switched a feature on",
                "configured a connector");
        assertThat(texts(facts.path("auditActors"))).contains("operator@wahub.test", "operator key bootstrap");
        assertThat(texts(facts.path("auditTargets"))).contains("template order_packing_list (en_US)", "shopify");
        assertThat(report.errors()).as("the one console error is the hub's 422 to the refused save")
                .containsExactly("Failed to load resource: the server responded with a status of 422 ()");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText().strip()));
        return texts;
    }
}
