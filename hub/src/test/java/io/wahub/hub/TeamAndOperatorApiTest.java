package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the panel's Team and Operator pages call: a tenant's open invitations (listed with tenant, email and role,
 * revoked), the operator's searched and paged tenant list with usage, the bounded tenant list, unique tenant names.
 */
class TeamAndOperatorApiTest extends PeopleTest {

    @Test
    void openInvitation_isListedAndPreviewedWithTenantEmailAndRole_andOnceRevokedCannotBeAccepted() {
        String tenant = uniqueTenantId("team");
        createTenant(tenant);
        String token = invitation(tenant, "New.Person@Example.test", "admin");

        JsonNode listed = get("/api/v1/tenants/" + tenant + "/invitations").json();

        assertThat(listed).hasSize(1);
        JsonNode invitation = listed.get(0);
        assertThat(invitation.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(invitation.get("tenantName").asText()).isEqualTo("Shop " + tenant);
        assertThat(invitation.get("email").asText()).isEqualTo("new.person@example.test");
        assertThat(invitation.get("role").asText()).isEqualTo("admin");
        assertThat(invitation.get("invitedBy").asText()).isEqualTo("key:whk_live_TestOp");
        assertThat(invitation.has("token")).isFalse();
        Response preview = callAs(null, "POST", "/api/v1/invitations/preview", "{\"token\":\"" + token + "\"}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().toString()).isEqualTo("{\"tenant\":\"" + tenant + "\",\"tenantName\":\"Shop "
                + tenant + "\",\"email\":\"new.person@example.test\",\"role\":\"admin\"}");

        Response revoked = call("DELETE", "/api/v1/tenants/" + tenant + "/invitations/"
                + invitation.get("id").asText(), null);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        assertThat(get("/api/v1/tenants/" + tenant + "/invitations").json()).isEmpty();
        expectProblem(call("DELETE", "/api/v1/tenants/" + tenant + "/invitations/"
                + invitation.get("id").asText(), null), 404, "invitation-not-found");
        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"a-long-enough-password\"}");
        assertThat(accepted.status()).isEqualTo(404);
        expectProblem(callAs(null, "POST", "/api/v1/invitations/preview", "{\"token\":\"" + token + "\"}"), 404,
                "invitation-not-found");
    }

    @Test
    void invitations_areRefusedToMembers_hiddenFromOtherTenantsAdmins_andOwnerInvitationsStayWithOwners() {
        String tenant = uniqueTenantId("team");
        String other = uniqueTenantId("team-other");
        createTenant(tenant);
        createTenant(other);
        String password = "password-of-the-people-1";
        String member = person(tenant, uniqueTenantId("member") + "@example.test", "member", password);
        String admin = person(tenant, uniqueTenantId("admin") + "@example.test", "admin", password);
        String otherAdmin = person(other, uniqueTenantId("other") + "@example.test", "admin", password);
        invitation(tenant, "owner-to-be@example.test", "owner");
        String ownerInvitation = get("/api/v1/tenants/" + tenant + "/invitations").json().get(0).get("id").asText();

        expectProblem(browser().signedIn(member, password).call("GET", "/api/v1/tenants/" + tenant
                + "/invitations", null), 403, "insufficient-role");
        Browser outsider = browser().signedIn(otherAdmin, password);
        expectProblem(outsider.call("GET", "/api/v1/tenants/" + tenant + "/invitations", null), 404,
                "tenant-not-found");
        expectProblem(outsider.call("DELETE", "/api/v1/tenants/" + tenant + "/invitations/" + ownerInvitation, null),
                404, "tenant-not-found");
        expectProblem(outsider.call("DELETE", "/api/v1/tenants/" + other + "/invitations/" + ownerInvitation, null),
                404, "invitation-not-found");
        expectProblem(browser().signedIn(admin, password).call("DELETE", "/api/v1/tenants/" + tenant
                + "/invitations/" + ownerInvitation, null), 403, "owner-required");
        assertThat(get("/api/v1/tenants/" + tenant + "/invitations").json()).hasSize(1);
    }

    @Test
    void duplicateTenantName_isRefused409_ignoringCaseAndSpaces_onCreateAndRename() {
        String first = uniqueTenantId("dup");
        String second = uniqueTenantId("dup");
        createTenant(first);
        createTenant(second);

        Response created = post("/api/v1/tenants", "{\"id\":\"" + uniqueTenantId("dup")
                + "\",\"name\":\"  shop " + first.toUpperCase() + " \"}");
        Response renamed = call("PATCH", "/api/v1/tenants/" + second, "{\"name\":\"Shop " + first + "\"}");

        expectProblem(created, 409, "tenant-name-taken");
        assertThat(created.json().get("errors").get("name").asText()).isEqualTo("another tenant has this name");
        expectProblem(renamed, 409, "tenant-name-taken");
        assertThat(get("/api/v1/tenants/" + second).json().get("name").asText()).isEqualTo("Shop " + second);
        expectProblem(call("PATCH", "/api/v1/tenants/" + second, "{\"name\":\"   \"}"), 422, "invalid-request");
        Response same = call("PATCH", "/api/v1/tenants/" + second, "{\"name\":\"SHOP " + second + "\"}");
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        expectProblem(post("/api/v1/tenants", "{\"id\":\"" + first + "\",\"name\":\"Shop " + first + "\"}"), 409,
                "tenant-exists");
    }

    @Test
    void operatorTenantList_searchesAndPages_withPlanStatusAndUsage_andIsOperatorOnly() {
        String marker = uniqueTenantId("opsearch");
        List<String> ids = List.of(marker + "-a", marker + "-b", marker + "-c");
        ids.forEach(this::createTenant);
        call("PATCH", "/api/v1/tenants/" + ids.get(1), "{\"status\":\"suspended\",\"plan\":\"pro\"}");
        jdbc.sql("INSERT INTO message_quota (tenant_id, month, stored, blocked)"
                        + " VALUES (:t, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 7, 2)")
                .param("t", ids.get(0)).update();

        JsonNode first = get("/api/v1/operator/tenants?q=" + marker.toUpperCase() + "&limit=2").json();
        JsonNode second = get("/api/v1/operator/tenants?q=" + marker + "&limit=2&offset=2").json();
        JsonNode suspended = get("/api/v1/operator/tenants?q=" + marker + "&status=suspended").json();

        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(ids(second)).containsExactly(ids.get(2));
        assertThat(first.get("items").get(0).get("messagesUsed").asLong()).isEqualTo(5);
        assertThat(first.get("items").get(0).get("tenant").get("plan").get("id").asText()).isEqualTo("free");
        assertThat(ids(suspended)).containsExactly(ids.get(1));
        assertThat(suspended.get("items").get(0).get("tenant").get("plan").get("id").asText()).isEqualTo("pro");
        expectProblem(get("/api/v1/operator/tenants?limit=201"), 400, "invalid-request");
        expectProblem(callAs(adminKey(ids.get(0)), "GET", "/api/v1/operator/tenants", null), 403, "operator-only");
    }

    @Test
    void tenantList_isBounded_searchable_andAPersonSeesOnlyTheirTenants() {
        String marker = uniqueTenantId("bounded");
        createTenant(marker + "-x");
        createTenant(marker + "-y");
        String password = "password-of-the-people-1";
        String member = person(marker + "-y", marker + "@example.test", "member", password);

        Response page = get("/api/v1/tenants?q=" + marker + "&limit=1");
        Response mine = browser().signedIn(member, password).call("GET", "/api/v1/tenants?limit=200", null);

        assertThat(page.json()).hasSize(1);
        assertThat(page.json().get(0).get("id").asText()).isEqualTo(marker + "-x");
        assertThat(page.headers().get("X-Total-Count")).containsExactly("2");
        assertThat(mine.json()).hasSize(1);
        assertThat(mine.json().get(0).get("id").asText()).isEqualTo(marker + "-y");
        expectProblem(get("/api/v1/tenants?limit=0"), 400, "invalid-request");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("tenant").get("id").asText()));
        return ids;
    }
}
