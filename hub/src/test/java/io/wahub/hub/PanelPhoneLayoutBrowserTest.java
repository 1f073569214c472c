package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The panel on a 390 px wide phone screen, in real headless Chromium, with a screenshot of every section. */
class PanelPhoneLayoutBrowserTest extends HubIntegrationTest {

    @Test
    void at390px_noSectionScrollsSideways_andTheTenantListStaysFoldedUntilAskedFor() {
        String tenant = uniqueTenantId("phone");
        createTenant(tenant);

        PanelBrowser.Report report = PanelBrowser.run("phone-layout", port, OPERATOR_EMAIL, OPERATOR_PASSWORD,
                tenant);

        JsonNode sections = report.facts().path("sections");
        assertThat(sections.size()).isEqualTo(11);
        for (Map.Entry<String, JsonNode> section : sections.properties()) {
            assertThat(section.getValue().path("sideways").asInt()).as(section.getKey() + " scrolls sideways by")
                    .isZero();
            assertThat(section.getValue().path("tenantListVisible").asBoolean())
                    .as(section.getKey() + " shows the tenant list").isFalse();
            assertThat(section.getValue().path("contentTop").asInt()).as(section.getKey() + " content starts at")
                    .isLessThan(160);
        }
        assertThat(report.facts().path("listAfterToggle").asBoolean()).isTrue();
        assertThat(report.errors()).isEmpty();
    }
}
