package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WhatsApp number is routed to a tenant from the operator's app-level URL only after the tenant proved control of
 * it: the Graph API (WireMock here, one of the operator's proof hosts) confirms the number for the tenant's token. A
 * second tenant cannot divert a held number, a tenant's own server proves nothing, and the operator resolves
 * disputes through an operator-only, audited API.
 */
class WhatsAppNumberClaimTest extends HubIntegrationTest {

    private static final String FIXTURE_NUMBER_ID = "106540352242922";

    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static WireMockServer tenantsOwnServer = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    private String first;
    private String second;
    private String number;

    @BeforeAll
    static void start() {
        graph.start();
        tenantsOwnServer.start();
    }

    @AfterAll
    static void stop() {
        graph.stop();
        tenantsOwnServer.stop();
    }

    @BeforeEach
    void twoTenants() {
        first = uniqueTenantId("claim-a");
        second = uniqueTenantId("claim-b");
        number = uniquePhoneNumberId();
        createTenant(first);
        createTenant(second);
    }

    @Test
    void anUnprovenNumber_isSavedButNotRouted() {
        graphAnswers(400, """
                {"error":{"message":"Unsupported get request. Object with ID '%s' does not exist","type":"GraphMethodException","code":100}}"""
                .formatted(number));

        Response saved = configure(first, "EAAG-first", graph.baseUrl());
        Response ack = postToAppUrl();

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().at("/routing/status").asText()).isEqualTo("unverified");
        assertThat(saved.json().at("/routing/detail").asText()).isEqualTo("the Graph API did not confirm phone"
                + " number id " + number + " for the access token (HTTP 400: Unsupported get request. Object with ID '"
                + number + "' does not exist)");
        assertThat(saved.json().at("/settings/phoneNumberId").asText()).isEqualTo(number);
        assertThat(ack.json().get("reason").asText()).isEqualTo("no tenant for " + number);
        assertThat(types(first)).isEmpty();
    }

    @Test
    void aNumberTheGraphApiConfirmsForTheToken_isRouted() {
        graphConfirms();

        Response saved = configure(first, "EAAG-first", graph.baseUrl());
        postToAppUrl();

        assertThat(saved.json().at("/routing/status").asText()).isEqualTo("verified");
        graph.verify(1, getRequestedFor(urlEqualTo("/v23.0/" + number + "?fields=id"))
                .withHeader("Authorization", equalTo("Bearer EAAG-first")));
        assertThat(types(first)).containsExactly("message.received");
    }

    @Test
    void aSecondTenantProvingAHeldNumber_gets409AndADispute_andDivertsNothing() {
        graphConfirms();
        configure(first, "EAAG-first", graph.baseUrl());

        Response second = configure(this.second, "EAAG-second", graph.baseUrl());
        postToAppUrl();

        expectProblem(second, 409, "routing-key-disputed");
        assertThat(second.json().at("/routing/status").asText()).isEqualTo("disputed");
        assertThat(types(first)).containsExactly("message.received");
        assertThat(types(this.second)).isEmpty();
        JsonNode disputes = get("/api/v1/operator/webhook-routes?status=disputed").json();
        assertThat(claimsOf(disputes)).containsExactly(List.of(this.second, "disputed", first));
    }

    @Test
    void aProofFromAServerTheTenantChose_provesNothing_andThatServerIsNotCalled() {
        tenantsOwnServer.stubFor(WireMock.get(urlEqualTo("/v23.0/" + number + "?fields=id"))
                .willReturn(okJson("{\"id\":\"" + number + "\"}")));
        String ownServer = "http://lan.wahub-test.internal:" + tenantsOwnServer.port();

        Response saved = configure(first, "EAAG-squatter", ownServer);
        postToAppUrl();

        assertThat(saved.json().at("/routing/status").asText()).isEqualTo("unverified");
        assertThat(saved.json().at("/routing/detail").asText()).isEqualTo("the Graph API could not be asked"
                + " (blocked-host): GET " + ownServer + "/v23.0/" + number + "?fields=id: refused,"
                + " lan.wahub-test.internal is not a host the operator trusts for proving whatsapp-cloud routing keys"
                + " (wahub.routing.proof-hosts.whatsapp-cloud)");
        assertThat(tenantsOwnServer.getAllServeEvents()).isEmpty();
        assertThat(types(first)).isEmpty();
    }

    @Test
    void anUnverifiedNumber_canBeVerifiedAgain_onceTheGraphApiConfirmsIt() {
        graphAnswers(401, "{\"error\":{\"message\":\"Error validating access token\",\"code\":190}}");
        configure(first, "EAAG-first", graph.baseUrl());
        graphConfirms();

        Response verified = post("/api/v1/tenants/" + first + "/connectors/whatsapp-cloud/routing-verification", null);
        postToAppUrl();

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().at("/routing/status").asText()).isEqualTo("verified");
        assertThat(types(first)).containsExactly("message.received");
    }

    @Test
    void theOperatorAssignsADisputedNumber_andTheDecisionIsAudited() {
        graphConfirms();
        configure(first, "EAAG-first", graph.baseUrl());
        configure(second, "EAAG-second", graph.baseUrl());

        Response assigned = put("/api/v1/operator/webhook-routes/whatsapp-cloud/" + number,
                "{\"tenant\":\"" + second + "\"}");
        postToAppUrl();

        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(claimsOf(assigned.json())).containsExactlyInAnyOrder(List.of(first, "overruled", second),
                List.of(second, "verified", second));
        assertThat(types(second)).containsExactly("message.received");
        assertThat(types(first)).isEmpty();
        JsonNode secondsAudit = latestAudit(second, "webhook-route.assigned");
        assertThat(secondsAudit.get("target").asText()).isEqualTo("whatsapp-cloud:" + number);
        assertThat(secondsAudit.at("/detail/previousTenant").asText()).isEqualTo(first);
        assertThat(secondsAudit.get("actor").asText()).isNotBlank().isNotEqualTo("system");
        assertThat(latestAudit(first, "webhook-route.revoked").at("/detail/tenant").asText()).isEqualTo(second);
    }

    @Test
    void nobodyButTheOperator_mayUseTheOperatorApi() {
        String tenantAdmin = adminKey(first);
        String path = "/api/v1/operator/webhook-routes";

        expectProblem(callAs(tenantAdmin, "GET", path, null), 403, "operator-only");
        expectProblem(callAs(tenantAdmin, "PUT", path + "/whatsapp-cloud/" + number, "{\"tenant\":\"" + first + "\"}"),
                403, "operator-only");
        expectProblem(callAs(tenantAdmin, "DELETE", path + "/whatsapp-cloud/" + number, null), 403, "operator-only");
        assertThat(callAs(null, "GET", path, null).status()).isEqualTo(401);
        assertThat(get(path + "?status=disputed").status()).isEqualTo(200);
    }

    private void graphConfirms() {
        graphAnswers(200, "{\"id\":\"" + number + "\"}");
    }

    private void graphAnswers(int status, String body) {
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + number + "?fields=id")).willReturn(aResponse()
                .withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private Response configure(String tenant, String token, String baseUrl) {
        return put("/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"%s","baseUrl":"%s"}}"""
                .formatted(number, token, baseUrl));
    }

    /** A signed inbound message for the number on the operator's app-level URL; asserts it was acknowledged. */
    private Response postToAppUrl() {
        byte[] body;
        try {
            body = Files.readString(Path.of(getClass().getResource("/whatsapp/inbound-text.json").toURI()))
                    .replace(FIXTURE_NUMBER_ID, number).replace("wamid.", "wamid." + number)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Response ack = postWebhook("/webhooks/apps/whatsapp-cloud/main", Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(META_APP_SECRET, body))), body);
        assertThat(ack.status()).as(ack.body()).isIn(200, 202);
        return ack;
    }

    private List<String> types(String tenant) {
        List<String> types = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/events").json().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    /** The claims of this test's number as (tenant, status, holder). */
    private List<List<String>> claimsOf(JsonNode claims) {
        List<List<String>> mine = new ArrayList<>();
        claims.forEach(claim -> {
            if (claim.get("routingKey").asText().equals(number)) {
                mine.add(List.of(claim.get("tenantId").asText(), claim.get("status").asText(),
                        claim.path("holder").asText()));
            }
        });
        return mine;
    }

    private JsonNode latestAudit(String tenant, String action) {
        for (JsonNode entry : get("/api/v1/tenants/" + tenant + "/audit").json()) {
            if (entry.get("action").asText().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " in the audit log of " + tenant);
    }
}
