package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OTP codes through the WhatsApp Cloud API (faked by WireMock): the exact authentication template body, to a
 * contact who opted out of marketing, and a code whose message could not go out before it expired is never sent.
 */
class OtpCloudApiTest extends OtpTestBase {

    private static final String PHONE = "+4915112345678";
    static WireMockServer graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void startGraph() {
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    /** An otp tenant (template approved on the sandbox) that then switched to the Cloud API. */
    private String cloudTenant(String prefix, String numberId) {
        String tenant = otpTenant(prefix);
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"otp-app-secret",\
                "verifyToken":"v"}""".formatted(numberId, graph.baseUrl()));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        return tenant;
    }

    @Test
    void codeToAContactWhoOptedOutOfMarketing_goesAsTheAuthenticationTemplate_exactBody() {
        String numberId = uniquePhoneNumberId();
        String tenant = cloudTenant("otp-cloud", numberId);
        String contact = post("/api/v1/tenants/" + tenant + "/contacts", "{\"phone\":\"" + PHONE + "\"}").json()
                .get("id").asText();
        assertThat(put("/api/v1/tenants/" + tenant + "/contacts/" + contact + "/consent/marketing",
                "{\"status\":\"opted-out\",\"source\":\"call-center\"}").status()).isEqualTo(200);
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + numberId + "/messages"))
                .willReturn(WireMock.okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.otp-1\"}]}")));

        Response started = start(tenant, PHONE, "login");
        JsonNode message = messagesTo(tenant, PHONE, 1).getFirst();
        String code = codeIn(message);

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(message.get("status").asText()).isEqualTo("sent");
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + numberId + "/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"verification_code","language":{"code":"en_US"},"components":[\
                {"type":"body","parameters":[{"type":"text","text":"%s"}]},\
                {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"%s"}]}]}}"""
                .formatted(code, code))));
    }

    @Test
    void codeWhoseSendFailedUntilItExpired_isSuppressedAsExpired_notSentLate() {
        String numberId = uniquePhoneNumberId();
        String tenant = cloudTenant("otp-late", numberId);
        String path = "/v23.0/" + numberId + "/messages";
        graph.stubFor(WireMock.post(urlEqualTo(path)).inScenario(numberId).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"down\",\"code\":2}}"))
                .willSetStateTo("up"));
        graph.stubFor(WireMock.post(urlEqualTo(path)).inScenario(numberId).whenScenarioStateIs("up")
                .willReturn(WireMock.okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.late\"}]}")));

        start(tenant, PHONE, "login");
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.findAll(postRequestedFor(urlEqualTo(path))).size() == 1);
        clock.offset.set(Duration.ofMinutes(5).plusSeconds(1));
        JsonNode message = messagesTo(tenant, PHONE, 1).getFirst();

        assertThat(message.get("status").asText()).isEqualTo("suppressed");
        assertThat(message.get("reasonCode").asText()).isEqualTo("expired");
        assertThat(message.get("lastError").asText()).startsWith("The message was to be delivered by ")
                .endsWith(" and was not sent by then; it is not sent late.");
        assertThat(graph.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }
}
