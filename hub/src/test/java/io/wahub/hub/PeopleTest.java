package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Integration tests driving people: invited (by the operator) and accepted, then signed in with a {@link Browser}. */
abstract class PeopleTest extends HubIntegrationTest {

    /** Invites {@code email} into {@code tenant} as {@code role} (as the operator) and accepts; returns the email. */
    protected String person(String tenant, String email, String role, String password) {
        Response accepted = callAs(null, "POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + invitation(tenant, email, role) + "\",\"password\":\"" + password + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return email;
    }

    /** An invitation of {@code email} as {@code role}, by the operator; returns its token. */
    protected String invitation(String tenant, String email, String role) {
        Response invited = post("/api/v1/tenants/" + tenant + "/invitations",
                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        return invited.json().get("token").asText();
    }

    /** The member's user id, or null when {@code email} is no member. */
    protected String memberId(String tenant, String email) {
        JsonNode member = member(tenant, email);
        return member == null ? null : member.get("userId").asText();
    }

    /** The member's role, or null when {@code email} is no member. */
    protected String roleOf(String tenant, String email) {
        JsonNode member = member(tenant, email);
        return member == null ? null : member.get("role").asText();
    }

    private JsonNode member(String tenant, String email) {
        for (JsonNode member : get("/api/v1/tenants/" + tenant + "/members").json()) {
            if (member.get("email").asText().equals(email)) {
                return member;
            }
        }
        return null;
    }

    protected Browser browser() {
        return new Browser(port);
    }
}
