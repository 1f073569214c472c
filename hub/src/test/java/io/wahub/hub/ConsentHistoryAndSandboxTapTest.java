package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the panel's contacts page and sandbox phone read and send beyond the contacts API: a contact's consent
 * history, and a sandbox tap that carries the button's label, the message it answers and its kind, as the Cloud
 * API's webhook does.
 */
class ConsentHistoryAndSandboxTapTest extends HubIntegrationTest {

    private String tenant;
    private String contacts;

    @BeforeEach
    void sandboxTenant() {
        tenant = uniqueTenantId("history");
        createTenant(tenant);
        contacts = "/api/v1/tenants/" + tenant + "/contacts";
    }

    @Test
    void consentHistory_listsEveryDecisionNewestFirst_withItsSource_andIsInvisibleToAnotherTenant() {
        String id = post(contacts, "{\"phone\":\"+4915100000021\"}").json().get("id").asText();
        put(contacts + "/" + id + "/consent/marketing", """
                {"status":"opted-in","source":"checkout-form","at":"2026-01-01T10:00:00Z"}""");
        put(contacts + "/" + id + "/consent/utility", """
                {"status":"opted-out","source":"call-center","at":"2026-01-02T10:00:00Z"}""");
        put(contacts + "/" + id + "/consent/marketing", """
                {"status":"opted-out","at":"2026-01-03T10:00:00Z"}""");
        String other = uniqueTenantId("history-other");
        createTenant(other);

        JsonNode history = get(contacts + "/" + id + "/consent/history").json();

        assertThat(history).hasSize(3);
        assertThat(history.findValuesAsText("category")).containsExactly("marketing", "utility", "marketing");
        assertThat(history.findValuesAsText("status")).containsExactly("opted-out", "opted-out", "opted-in");
        assertThat(history.findValuesAsText("source")).containsExactly("api", "call-center", "checkout-form");
        assertThat(history.get(2).get("at").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertRejectedWith(callAs(adminKey(other), "GET", "/api/v1/tenants/" + other + "/contacts/" + id
                + "/consent/history", null), 404, "contact-not-found");
    }

    @Test
    void sandboxTap_withLabelAndReplyTo_entersAsTheCloudApiWouldPostIt_andKeywordLabelsStopMarketing() {
        String replies = "/api/v1/tenants/" + tenant + "/sandbox/replies";

        Response tap = post(replies, """
                {"from":"+4915100000022","buttonPayload":"offer:1:stop","buttonText":"Stop",
                 "replyTo":"sandbox.abc","interactive":true}""");
        Response labelAlone = post(replies, "{\"from\":\"+4915100000022\",\"text\":\"hi\",\"buttonText\":\"Stop\"}");

        assertThat(tap.status()).as(tap.body()).isEqualTo(202);
        JsonNode event = get("/api/v1/tenants/" + tenant + "/events/" + tap.json().get("eventId").asText()).json();
        JsonNode payload = event.get("payload");
        assertThat(payload.get("kind").asText()).isEqualTo("interactive");
        assertThat(payload.get("buttonPayload").asText()).isEqualTo("offer:1:stop");
        assertThat(payload.get("text").asText()).isEqualTo("Stop");
        assertThat(payload.get("replyTo").asText()).isEqualTo("sandbox.abc");
        assertThat(payload.get("messageId").asText()).isEqualTo(tap.json().get("messageId").asText());
        assertRejectedWith(labelAlone, 422, "invalid-request");
        assertThat(labelAlone.json().at("/errors/buttonText").asText()).isEqualTo("only with buttonPayload");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(contacts + "?search=4915100000022")
                .json().at("/items/0/consent/marketing/status").asText()).isEqualTo("opted-out"));
        String id = get(contacts + "?search=4915100000022").json().at("/items/0/id").asText();
        assertThat(get(contacts + "/" + id + "/consent/history").json().findValuesAsText("source"))
                .containsExactly("keyword");
    }
}
