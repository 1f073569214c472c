package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 10, item 1: one rule for owners (only an owner or the operator, never a tenant's API key, makes, changes or
 * removes one), acceptance never lowers a role, and what a removed or demoted person made stops working.
 */
class OwnerRuleTest extends PeopleTest {

    @Autowired
    JdbcClient jdbc;

    private String tenant;
    private String owner;
    private String admin;

    @BeforeEach
    void tenantWithAnOwnerAndAnAdmin() {
        tenant = uniqueTenantId("owners");
        createTenant(tenant);
        owner = person(tenant, "owner@" + tenant + ".example", "owner", "owner-password-1234");
        admin = person(tenant, "admin@" + tenant + ".example", "admin", "admin-password-1234");
    }

    @Test
    void theIssuesEscalationChain_adminMintsAnAdminKey_butTheKeyCannotInviteAnOwner() {
        Browser admins = browser().signedIn(admin, "admin-password-1234");
        Response key = admins.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"escalate\",\"scopes\":[\"admin\"]}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String adminKey = key.json().get("secret").asText();

        Response invited = callAs(adminKey, "POST", "/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"second-me@" + tenant + ".example\",\"role\":\"owner\"}");

        expectProblem(invited, 403, "owner-required");
        assertThat(invited.json().get("detail").asText()).isEqualTo("Only an owner of tenant '" + tenant
                + "' or the platform operator may make, change or remove an owner; API keys never may.");
        assertThat(jdbc.sql("SELECT count(*) FROM invitation WHERE tenant_id = :t AND role = 'owner'")
                .param("t", tenant).query(Long.class).single()).isEqualTo(1); // the owner's own, accepted
        expectProblem(callAs(adminKey, "DELETE", "/api/v1/tenants/" + tenant + "/members/"
                + memberId(tenant, owner), null), 403, "owner-required");
        expectProblem(callAs(adminKey, "PUT", "/api/v1/tenants/" + tenant + "/members/" + memberId(tenant, admin),
                "{\"role\":\"owner\"}"), 403, "owner-required");
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
        assertThat(roleOf(tenant, admin)).isEqualTo("admin");
    }

    @Test
    void anOwnersKey_isStillAKey_andMayNotTouchOwners() {
        Browser owners = browser().signedIn(owner, "owner-password-1234");
        String ownerKey = owners.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"owner's automation\",\"scopes\":[\"admin\"]}").json().get("secret").asText();

        Response invited = callAs(ownerKey, "POST", "/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"x@" + tenant + ".example\",\"role\":\"owner\"}");
        Response promoted = callAs(ownerKey, "PUT", "/api/v1/tenants/" + tenant + "/members/"
                + memberId(tenant, admin), "{\"role\":\"owner\"}");

        expectProblem(invited, 403, "owner-required");
        expectProblem(promoted, 403, "owner-required");
        assertThat(callAs(ownerKey, "POST", "/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"x@" + tenant + ".example\",\"role\":\"admin\"}").status()).isEqualTo(201);
    }

    @Test
    void anAdminPerson_mayNotInvitePromoteDemoteOrRemoveAnOwner() {
        Browser admins = browser().signedIn(admin, "admin-password-1234");
        String ownerId = memberId(tenant, owner);

        expectProblem(admins.call("POST", "/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"y@" + tenant + ".example\",\"role\":\"owner\"}"), 403, "owner-required");
        expectProblem(admins.call("PUT", "/api/v1/tenants/" + tenant + "/members/" + memberId(tenant, admin),
                "{\"role\":\"owner\"}"), 403, "owner-required");
        expectProblem(admins.call("PUT", "/api/v1/tenants/" + tenant + "/members/" + ownerId,
                "{\"role\":\"member\"}"), 403, "owner-required");
        expectProblem(admins.call("DELETE", "/api/v1/tenants/" + tenant + "/members/" + ownerId, null), 403,
                "owner-required");
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
    }

    @Test
    void anOwnerPerson_makesAnotherOwner_andTheOperatorsKeyMayToo() {
        Browser owners = browser().signedIn(owner, "owner-password-1234");

        Response promoted = owners.call("PUT", "/api/v1/tenants/" + tenant + "/members/" + memberId(tenant, admin),
                "{\"role\":\"owner\"}");
        Response invitedByOperatorKey = post("/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"z@" + tenant + ".example\",\"role\":\"owner\"}");

        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(roleOf(tenant, admin)).isEqualTo("owner");
        assertThat(invitedByOperatorKey.status()).as(invitedByOperatorKey.body()).isEqualTo(201);
    }

    @Test
    void anOwnerInvitationIssuedByAKey_isRefusedAtAcceptance() {
        // An owner invitation as the issue's chain left them before this fix: issued by an admin's key.
        Browser admins = browser().signedIn(admin, "admin-password-1234");
        String keyId = admins.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"k\",\"scopes\":[\"admin\"]}").json().get("key").get("id").asText();
        String token = invitation(tenant, "late@" + tenant + ".example", "member");
        jdbc.sql("""
                        UPDATE invitation SET role = 'owner', invited_by_key = :key::uuid, invited_by_user = NULL
                        WHERE tenant_id = :t AND email = :email
                        """)
                .param("key", keyId).param("t", tenant).param("email", "late@" + tenant + ".example").update();

        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"late-password-1234\"}");

        expectProblem(accepted, 403, "owner-required");
        assertThat(roleOf(tenant, "late@" + tenant + ".example")).isNull();
    }

    @Test
    void acceptingAnInvitation_keepsTheHigherRole_soTheLastOwnerStaysOwner() {
        String token = invitation(tenant, owner, "member");

        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"owner-password-1234\"}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("role").asText()).isEqualTo("owner");
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_member WHERE tenant_id = :t AND role = 'owner'")
                .param("t", tenant).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void acceptingAHigherRole_promotes() {
        String token = invitation(tenant, admin, "owner");

        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"admin-password-1234\"}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("role").asText()).isEqualTo("owner");
        assertThat(roleOf(tenant, admin)).isEqualTo("owner");
    }

    @Test
    void removingAMember_revokesTheKeysTheyMade_evenThoseMadeByTheirKeys_andTheirOpenInvitations() {
        Browser admins = browser().signedIn(admin, "admin-password-1234");
        String own = admins.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"own\",\"scopes\":[\"admin\",\"tenant:read\"]}").json().get("secret").asText();
        String minted = createKeyWith(own, "{\"name\":\"minted by a key\",\"scopes\":[\"tenant:read\"]}");
        String operatorsKey = createKey(tenant, "{\"name\":\"operator's\",\"scopes\":[\"tenant:read\"]}");
        String token = admins.call("POST", "/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"friend@" + tenant + ".example\",\"role\":\"admin\"}").json().get("token").asText();
        assertThat(callAs(minted, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);

        Response removed = call("DELETE", "/api/v1/tenants/" + tenant + "/members/" + memberId(tenant, admin), null);

        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        expectProblem(callAs(own, "GET", "/api/v1/tenants/" + tenant, null), 401, "api-key-revoked");
        expectProblem(callAs(minted, "GET", "/api/v1/tenants/" + tenant, null), 401, "api-key-revoked");
        assertThat(callAs(operatorsKey, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);
        expectProblem(callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"friend-password-1234\"}"), 404, "invitation-not-found");
        var audit = get("/api/v1/tenants/" + tenant + "/audit").json();
        List<String> revocations = audit.findParents("action").stream()
                .filter(e -> e.get("action").asText().equals("key.revoked")
                        || e.get("action").asText().equals("invitation.revoked"))
                .map(e -> e.get("action").asText() + " " + e.get("detail").get("reason").asText()).toList();
        assertThat(revocations).containsExactlyInAnyOrder("key.revoked member-removed",
                "key.revoked member-removed", "invitation.revoked member-removed");
    }

    @Test
    void demotingAnAdmin_revokesTheirKeys() {
        Browser admins = browser().signedIn(admin, "admin-password-1234");
        String own = admins.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"own\",\"scopes\":[\"tenant:read\"]}").json().get("secret").asText();

        Response demoted = put("/api/v1/tenants/" + tenant + "/members/" + memberId(tenant, admin),
                "{\"role\":\"member\"}");

        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        expectProblem(callAs(own, "GET", "/api/v1/tenants/" + tenant, null), 401, "api-key-revoked");
        assertThat(jdbc.sql("SELECT created_by_user::text FROM api_key WHERE prefix = :p")
                .param("p", own.substring(0, 15)).query(String.class).single())
                .isEqualTo(memberId(tenant, admin));
    }

    @Test
    void aKey_cannotMintAKeyThatOutlivesIt() {
        String expiring = createKey(tenant, "{\"name\":\"a day\",\"scopes\":[\"admin\"],\"expiresAt\":\""
                + java.time.Instant.now().plusSeconds(86_400) + "\"}");

        Response longer = callAs(expiring, "POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"forever\",\"scopes\":[\"admin\"]}");

        assertThat(longer.status()).as(longer.body()).isEqualTo(201);
        assertThat(longer.json().get("key").get("expiresAt").asText()).as("inherited from the creating key")
                .isEqualTo(get("/api/v1/tenants/" + tenant + "/keys").json().findValuesAsText("expiresAt").get(1));
        expectProblem(callAs(expiring, "POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"later\",\"scopes\":[\"admin\"],\"expiresAt\":\""
                        + java.time.Instant.now().plusSeconds(2 * 86_400) + "\"}"), 422, "invalid-request");
    }

    @Test
    void aMemberPerson_cannotCreateAKeyAtAll() {
        String member = person(tenant, "member@" + tenant + ".example", "member", "member-password-1234");
        Browser members = browser().signedIn(member, "member-password-1234");

        expectProblem(members.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"escalate\",\"scopes\":[\"admin\"]}"), 403, "insufficient-role");
        expectProblem(members.call("POST", "/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"read only\",\"scopes\":[\"tenant:read\"]}"), 403, "insufficient-role");
    }

    private String createKeyWith(String key, String requestJson) {
        Response created = callAs(key, "POST", "/api/v1/tenants/" + tenant + "/keys", requestJson);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }
}
