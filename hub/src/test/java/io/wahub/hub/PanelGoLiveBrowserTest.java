package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Going live from the panel, in real headless Chromium: the channel selector offers the WhatsApp connectors (kind
 * "webhook-and-channel"), choosing one switches the tenant, and the unused connectors' forms stay collapsed.
 */
class PanelGoLiveBrowserTest extends HubIntegrationTest {

    @Test
    void channelSelector_offersWhatsAppConnectors_andChoosingOneSwitchesTheTenant_withoutNotInstalled() {
        String tenant = uniqueTenantId("golive");
        createTenant(tenant);
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-go-live","baseUrl":"http://localhost:9"}"""
                .formatted(uniquePhoneNumberId()));

        PanelBrowser.Report report = PanelBrowser.run("go-live", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        assertThat(texts(report, "offered")).contains("Sandbox phone (messages shown in the panel)", "WhatsApp Cloud API",
                "WhatsApp via Evolution API gateway (not configured)");
        assertThat(get("/api/v1/tenants/" + tenant).json().path("channel").asText()).isEqualTo("whatsapp-cloud");
        assertThat(report.facts().path("chosen").asText()).isEqualTo("WhatsApp Cloud API");
        assertThat(String.join("|", texts(report, "optionsAfter"))).doesNotContain("not installed");
        assertThat(report.facts().path("header").asText()).contains("sends through whatsapp-cloud");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void connectorsPage_keepsUnconfiguredConnectorsCollapsed() {
        String tenant = uniqueTenantId("collapsed");
        createTenant(tenant);
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-collapsed","baseUrl":"http://localhost:9"}"""
                .formatted(uniquePhoneNumberId()));

        PanelBrowser.Report report = PanelBrowser.run("go-live", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        assertThat(report.facts().path("openForms").asInt()).as("settings forms open on the page").isZero();
        assertThat(report.facts().path("sectionHeight").asInt()).as("height of the connectors section in px")
                .isLessThan(2000);
    }

    private static java.util.List<String> texts(PanelBrowser.Report report, String fact) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        report.facts().path(fact).forEach(text -> texts.add(text.asText().strip()));
        return texts;
    }
}
