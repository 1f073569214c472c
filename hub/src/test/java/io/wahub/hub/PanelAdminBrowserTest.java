package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The panel's admin pages in real headless Chromium: Team (invitations with their tenant, role and email), the
 * operator's tenant list (plan, suspension, unique names), the feature pages drawn from what features declare, and
 * the drips campaign builder. Each asserts what the page showed and what the hub then holds.
 */
class PanelAdminBrowserTest extends PeopleTest {

    private static final String UNAUTHORIZED = "Failed to load resource: the server responded with a status of 401 ()";

    @Test
    void teamPage_invitesAnAdmin_showsTheInvitationsTenantRoleAndEmail_revokesIt_andPromotesThenRemovesAMember() {
        String tenant = uniqueTenantId("team-ui");
        createTenant(tenant);
        String member = person(tenant, "member-" + tenant + "@example.test", "member", "password-of-a-member-1");

        PanelBrowser.Report report = PanelBrowser.run("team", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        List<String> cells = texts(report.facts().path("cells"));
        assertThat(cells.subList(0, 3)).containsExactly("new.admin@example.test", "Shop " + tenant + " " + tenant,
                "admin");
        String link = report.facts().path("link").asText();
        assertThat(link).startsWith("http://localhost:" + port + "/#/invite/whi_");
        assertThat(report.facts().path("preview").asText()).isEqualTo("new.admin@example.test is invited to Shop "
                + tenant + " (" + tenant + ") as admin.");
        assertThat(get("/api/v1/tenants/" + tenant + "/invitations").json()).isEmpty();
        String token = link.substring(link.indexOf("/invite/") + "/invite/".length());
        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"a-long-enough-password\"}");
        assertThat(accepted.status()).as("the revoked invitation's link").isEqualTo(404);
        assertThat(report.facts().path("members").asInt()).isEqualTo(1);
        assertThat(report.facts().path("promoted").asText()).isEqualTo("admin");
        assertThat(memberId(tenant, member)).as("removed in the panel").isNull();
        List<String> actions = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/audit?limit=20").json().forEach(e -> actions.add(e.path("action").asText()
                + " " + e.path("detail").path("from").asText("") + ">" + e.path("detail").path("to").asText("")));
        assertThat(actions).contains("member.role-changed member>admin", "member.removed >", "invitation.revoked >");
        assertThat(report.errors()).as("signed out, the panel's session probe answers 401; nothing else fails")
                .allMatch(error -> error.equals(UNAUTHORIZED));
    }

    @Test
    void operatorPage_changesThePlan_suspendsAndReactivates_refusesATakenName_andRenames() {
        String tenant = uniqueTenantId("op-ui");
        createTenant(tenant);
        createTenant(tenant + "-twin");

        PanelBrowser.Report report = PanelBrowser.run("operator", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        assertThat(report.facts().path("rows").asInt()).as("tenants matching the search").isEqualTo(2);
        assertThat(report.facts().path("refused").asText()).isEqualTo("another tenant has this name");
        assertThat(report.facts().path("usage").asText()).startsWith("0 of ");
        JsonNode stored = get("/api/v1/tenants/" + tenant).json();
        assertThat(stored.path("plan").path("id").asText()).isEqualTo("pro");
        assertThat(stored.path("status").asText()).isEqualTo("active");
        assertThat(stored.path("name").asText()).isEqualTo("Renamed " + tenant);
        List<String> changes = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/audit?limit=20").json().forEach(entry -> {
            if (entry.path("action").asText().equals("tenant.changed")) {
                changes.add(entry.path("detail").toString());
            }
        });
        assertThat(String.join("|", changes)).contains("\"to\":\"suspended\"", "\"to\":\"pro\"",
                "\"to\":\"Renamed " + tenant + "\"");
        assertThat(report.errors()).as("Chromium logs the refused rename's answer, and nothing else")
                .containsExactly("Failed to load resource: the server responded with a status of 409 ()");
    }

    @Test
    void featurePages_showTheOtpVerificationsTheFeatureDeclares_startOneFromTheDeclaredForm_andTheOtherPages() {
        String tenant = uniqueTenantId("pages-ui");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        Response template = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"verification_code","language":"en_US","category":"AUTHENTICATION",
                 "authentication":{"addSecurityRecommendation":true,"codeExpirationMinutes":5},
                 "buttons":[{"type":"COPY_CODE","text":"Copy code"}]}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        for (String feature : List.of("otp", "orders", "invoices", "drips")) {
            enableFeature(tenant, feature, true);
        }
        Response started = post("/api/v1/tenants/" + tenant + "/features/otp/verifications",
                "{\"to\":\"+4915112340001\",\"purpose\":\"login\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);

        PanelBrowser.Report report = PanelBrowser.run("feature-pages", port, OPERATOR_EMAIL, OPERATOR_PASSWORD,
                tenant);

        assertThat(texts(report.facts().path("headers"))).containsExactly("Number", "Purpose", "Status",
                "Codes sent", "Checks left", "Started", "Expires", "Actions");
        assertThat(texts(report.facts().path("cells")).subList(0, 5))
                .containsExactly("+4915112340001", "login", "pending", "1", "5");
        assertThat(report.facts().path("detail").asText()).contains("Number +4915112340001", "Purpose login",
                "Status pending");
        assertThat(texts(report.facts().path("pages"))).contains("Verifications", "Orders", "Invoices", "Campaigns");
        JsonNode second = get("/api/v1/tenants/" + tenant + "/features/otp/verifications?to=%2B4915112340002").json();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).path("purpose").asText()).isEqualTo("signup");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void campaignBuilder_createsACampaignWithEveryKindOfStep_andActivatesIt() {
        String tenant = uniqueTenantId("drips-ui");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        enableFeature(tenant, "drips", true);

        PanelBrowser.Report report = PanelBrowser.run("campaign-builder", port, OPERATOR_EMAIL, OPERATOR_PASSWORD,
                tenant);

        JsonNode campaign = get("/api/v1/tenants/" + tenant + "/features/drips/campaigns").json().get(0);
        assertThat(campaign.path("name").asText()).isEqualTo("Welcome flow");
        assertThat(campaign.path("status").asText()).isEqualTo("active");
        assertThat(campaign.path("trigger").asText()).isEqualTo("api");
        JsonNode steps = campaign.path("steps");
        assertThat(steps.toString()).isEqualTo("""
                [{"id":"wait-1","type":"wait","duration":"PT48H"},\
                {"id":"send-1","type":"send","template":"abandoned_cart_1","language":"en_US",\
                "variables":{"first_name":"{{contact.firstName|there}}"}},\
                {"id":"condition-1","type":"condition","tag":"vip","then":"end"},\
                {"id":"add-tag-1","type":"add-tag","tag":"welcomed"}]""");
        assertThat(report.facts().path("draft").asText()).isEqualTo("Welcome flow draft");
        assertThat(report.facts().path("figures").asText()).isEqualTo("sent 0 · capped 0 · holdout 0");
        assertThat(texts(report.facts().path("cells")).subList(0, 4)).containsExactly("Welcome flow",
                "Enrolled by API or by hand", "active", "4");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void adminPages_onA390pxPhone_doNotScrollSideways() {
        String tenant = uniqueTenantId("phone-admin");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        enableFeature(tenant, "drips", true);
        invitation(tenant);

        PanelBrowser.Report report = PanelBrowser.run("admin-phone", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        JsonNode sideways = report.facts().path("sideways");
        for (String page : List.of("team", "records", "campaigns", "operator")) {
            assertThat(sideways.path(page).asInt(-1)).as("sideways scroll of " + page + " in px").isZero();
        }
        assertThat(report.errors()).isEmpty();
    }

    private void invitation(String tenant) {
        Response invited = post("/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"phone.person@example.test\",\"role\":\"member\"}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText().strip()));
        return texts;
    }
}
