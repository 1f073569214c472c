package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Panel sign-in with session and CSRF, lockout, invitations and roles. */
class SessionAndPeopleTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String tenant;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId("people");
        createShop(tenant, "shpss_people", tenant + ".myshopify.com");
    }

    /** A browser: keeps cookies, echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN like the panel does. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        boolean sendCsrf = true;

        Response call(String method, String path, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            String token = xsrf();
            if (sendCsrf && token != null) {
                request.header("X-XSRF-TOKEN", token);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body(), response.headers().map());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        Response signIn(String email, String password) {
            return call("POST", "/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        }
    }

    @Test
    void operatorSignsIn_seesSession_andSignsOut() {
        Browser browser = new Browser();

        Response signedIn = browser.signIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().get("user").get("email").asText()).isEqualTo(OPERATOR_EMAIL);
        assertThat(signedIn.json().get("operator").asBoolean()).isTrue();
        Response session = browser.call("GET", "/api/v1/session", null);
        assertThat(session.status()).isEqualTo(200);
        assertThat(browser.xsrf()).isNotBlank();
        assertThat(browser.call("GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);
        assertThat(browser.call("DELETE", "/api/v1/session", null).status()).isEqualTo(204);
        expectProblem(browser.call("GET", "/api/v1/session", null), 401, "unauthenticated");
    }

    @Test
    void sessionRequestWithoutCsrfToken_isRefusedWith403() {
        Browser browser = new Browser();
        browser.signIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        browser.call("GET", "/api/v1/session", null);
        browser.sendCsrf = false;

        Response refused = browser.call("PATCH", "/api/v1/tenants/" + tenant, "{\"name\":\"csrf\"}");

        expectProblem(refused, 403, "csrf-or-access-denied");
        assertThat(get("/api/v1/tenants/" + tenant).json().get("name").asText()).isEqualTo("Shop " + tenant);
        browser.sendCsrf = true;
        assertThat(browser.call("PATCH", "/api/v1/tenants/" + tenant, "{\"name\":\"with token\"}").status())
                .isEqualTo(200);
    }

    @Test
    void passwordsAreStoredWithArgon2() {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE email = :email")
                .param("email", OPERATOR_EMAIL).query(String.class).single();

        assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(OPERATOR_PASSWORD);
    }

    @Test
    void wrongPassword_is401_andFiveFailuresLockTheAccountWithRetryAfter() {
        String email = invitedUser(tenant, "member", "member-password-1234");
        Browser browser = new Browser();

        expectProblem(browser.signIn(email, "wrong-1"), 401, "bad-credentials");
        for (int i = 2; i <= 4; i++) {
            expectProblem(browser.signIn(email, "wrong-" + i), 401, "bad-credentials");
        }
        Response fifth = browser.signIn(email, "wrong-5");
        Response rightButLocked = browser.signIn(email, "member-password-1234");

        expectProblem(fifth, 429, "login-locked");
        expectProblem(rightButLocked, 429, "login-locked");
        assertThat(Long.parseLong(rightButLocked.headers().get("retry-after").getFirst())).isBetween(1L, 31L);
        assertThat(rightButLocked.json().get("detail").asText()).startsWith("Too many wrong passwords; try again in ");
    }

    @Test
    void unknownEmail_is401LikeAWrongPassword() {
        Response response = new Browser().signIn("nobody@example.com", "whatever-password");

        expectProblem(response, 401, "bad-credentials");
        assertThat(response.json().get("detail").asText()).isEqualTo("Email or password is wrong.");
    }

    @Test
    void invitedMember_readsButCannotChange_andSeesNoOtherTenant() {
        String other = uniqueTenantId("other");
        createShop(other, "shpss_other", other + ".myshopify.com");
        String email = invitedUser(tenant, "member", "member-password-1234");
        Browser member = new Browser();

        Response signedIn = member.signIn(email, "member-password-1234");

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().get("tenants").get(0).get("tenantId").asText()).isEqualTo(tenant);
        assertThat(signedIn.json().get("tenants").get(0).get("role").asText()).isEqualTo("member");
        member.call("GET", "/api/v1/session", null);
        assertThat(member.call("GET", "/api/v1/tenants/" + tenant + "/features", null).status()).isEqualTo(200);
        expectProblem(member.call("PUT", "/api/v1/tenants/" + tenant + "/features/packing-list",
                "{\"enabled\":true}"), 403, "insufficient-role");
        expectProblem(member.call("GET", "/api/v1/tenants/" + other, null), 404, "tenant-not-found");
        var visible = member.call("GET", "/api/v1/tenants", null).json();
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("id").asText()).isEqualTo(tenant);
    }

    @Test
    void invitedAdmin_mayEnableFeatures_andTheAuditLogSaysWhoAndFromWhere() {
        String email = invitedUser(tenant, "admin", "admin-password-12345");
        Browser admin = new Browser();
        admin.signIn(email, "admin-password-12345");
        admin.call("GET", "/api/v1/session", null);

        Response enabled = admin.call("PUT", "/api/v1/tenants/" + tenant + "/features/packing-list",
                "{\"enabled\":true}");

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        var audit = get("/api/v1/tenants/" + tenant + "/audit").json();
        var latest = audit.get(0);
        assertThat(latest.get("action").asText()).isEqualTo("feature.enabled");
        assertThat(latest.get("target").asText()).isEqualTo("packing-list");
        assertThat(latest.get("actor").asText()).isEqualTo(email);
        assertThat(latest.get("remoteAddr").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(audit.findValuesAsText("action")).contains("invitation.accepted", "user.invited",
                "connector.configured", "tenant.created");
        var connector = audit.get(audit.findValuesAsText("action").indexOf("connector.configured"));
        assertThat(connector.get("detail").toString())
                .isEqualTo("{\"fields\":[\"defaultCountry\",\"shopDomain\",\"webhookSecret\"]}");
        assertThat(audit.toString()).doesNotContain("shpss_people");
    }

    @Test
    void usedInvitation_cannotBeAcceptedTwice() {
        Response invited = post("/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"twice-" + tenant + "@example.com\",\"role\":\"member\"}");
        String token = invited.json().get("token").asText();
        String accept = "{\"token\":\"" + token + "\",\"password\":\"a-long-password-123\"}";

        assertThat(callAs(null, "POST", "/api/v1/invitations/accept", accept).status()).isEqualTo(200);
        expectProblem(callAs(null, "POST", "/api/v1/invitations/accept", accept), 404, "invitation-not-found");
    }

    @Test
    void signedInPerson_changesPassword_andOnlyTheNewOneWorks() {
        String email = invitedUser(tenant, "member", "first-password-1234");
        Browser browser = new Browser();
        browser.signIn(email, "first-password-1234");
        browser.call("GET", "/api/v1/session", null);

        Response changed = browser.call("PUT", "/api/v1/session/password",
                "{\"currentPassword\":\"first-password-1234\",\"newPassword\":\"second-password-5678\"}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        expectProblem(new Browser().signIn(email, "first-password-1234"), 401, "bad-credentials");
        assertThat(new Browser().signIn(email, "second-password-5678").status()).isEqualTo(200);
    }

    @Test
    void lastOwner_cannotBeDemotedOrRemoved_butAnAdminRemovesAMember() {
        invitedUser(tenant, "owner", "owner-password-1234");
        invitedUser(tenant, "member", "member-password-1234");
        var members = get("/api/v1/tenants/" + tenant + "/members").json();
        String owner = memberId(members, "owner");
        String member = memberId(members, "member");

        Response demoted = put("/api/v1/tenants/" + tenant + "/members/" + owner, "{\"role\":\"admin\"}");
        Response removed = call("DELETE", "/api/v1/tenants/" + tenant + "/members/" + member, null);

        expectProblem(demoted, 409, "last-owner");
        assertThat(demoted.json().get("detail").asText())
                .isEqualTo("Tenant '" + tenant + "' must keep at least one owner.");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(get("/api/v1/tenants/" + tenant + "/members").json()).hasSize(1);
        expectProblem(call("DELETE", "/api/v1/tenants/" + tenant + "/members/" + member, null), 404,
                "member-not-found");
    }

    private static String memberId(com.fasterxml.jackson.databind.JsonNode members, String role) {
        for (var member : members) {
            if (member.get("role").asText().equals(role)) {
                return member.get("userId").asText();
            }
        }
        throw new AssertionError("no " + role + " in " + members);
    }

    /** Invites {@code role} into {@code tenant} as the operator and accepts; returns the email. */
    private String invitedUser(String tenant, String role, String password) {
        String email = role + "-" + tenant + "@example.com";
        Response invited = post("/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().get("token").asText()).startsWith("whi_");
        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + invited.json().get("token").asText() + "\",\"password\":\"" + password + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return email;
    }
}
