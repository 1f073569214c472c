package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the drip tests: the real drips plugin jar (bundled with the hub, as built), its API through HTTP,
 * PostgreSQL, WireMock as the WhatsApp Cloud API, and the hub's clock replaced by one the tests move forward
 * (subclasses share this hub, on an embedded PostgreSQL of its own so no other test class's hub takes its timers).
 * Tenants are on plan pro with the Shopify connector; the drips feature is switched on while on the sandbox (its
 * shipped MARKETING templates are approved at once), then the tenant moves to the Cloud API.
 */
@Import(AdjustableClock.Configuration.class)
abstract class DripTestBase extends HubIntegrationTest {

    static final String SHOPIFY_SECRET = "shpss_drips_secret";
    static final String APP_SECRET = "drips-app-secret";
    /** A server per test class: a stopped WireMockServer does not start again. */
    static WireMockServer graph;

    @DynamicPropertySource
    static void quickTimersAndPacing(DynamicPropertyRegistry registry) {
        registry.add("wahub.timers.period", () -> "100ms");
        registry.add("wahub.policy.recipient-interval", () -> "200ms");
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    @Autowired
    AdjustableClock clock;

    String tenant;
    String numberId;

    @BeforeAll
    static void startGraph() {
        graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @AfterEach
    void clockBack() {
        clock.offset.set(Duration.ZERO);
    }

    /** A shop with Shopify, the drips feature on and the Cloud API (WireMock) as its channel; sets {@link #tenant}. */
    String dripShop(String prefix) {
        tenant = uniqueTenantId(prefix);
        numberId = uniquePhoneNumberId();
        createShop(tenant, SHOPIFY_SECRET, shopDomain());
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}").status()).isEqualTo(200);
        enableFeature(tenant, "drips", true);
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        graph.stubFor(WireMock.post(urlEqualTo(messagesPath())).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":"
                        + "\"wamid.sent-{{jsonPath request.body '$.to'}}-{{randomValue length=8 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-drips","baseUrl":"%s","appSecret":"%s","verifyToken":"v"}"""
                .formatted(numberId, graph.baseUrl(), APP_SECRET));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        return tenant;
    }

    String shopDomain() {
        return tenant + ".myshopify.com";
    }

    String messagesPath() {
        return "/v23.0/" + numberId + "/messages";
    }

    /** A contact in a time zone who opted in to marketing through the contacts API. */
    void optedInContact(String phone, String name, String timeZone) {
        Response created = post("/api/v1/tenants/" + tenant + "/contacts", """
                {"phone":"%s","name":"%s","timeZone":"%s"}""".formatted(phone, name, timeZone));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        String id = created.json().get("id").asText();
        Response consent = put("/api/v1/tenants/" + tenant + "/contacts/" + id + "/consent/marketing",
                "{\"status\":\"opted-in\",\"source\":\"checkout-form\"}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    }

    static String drips(String tenant, String path) {
        return "/api/v1/tenants/" + tenant + "/features/drips" + path;
    }

    /** Creates and activates a campaign; returns its id. */
    String activeCampaign(String json) {
        Response created = post(drips(tenant, "/campaigns"), json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response activated = post(drips(tenant, "/campaigns/" + id + "/activate"), "");
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        return id;
    }

    /** A campaign enrolled by API that sends the shipped post_purchase_review template at each of its steps. */
    static String sendStep(String id) {
        return """
                {"id":"%s","type":"send","template":"post_purchase_review","language":"en_US",
                 "variables":{"first_name":"{{contact.firstName|there}}","order_number":"{{event.orderNumber|%s}}"}}"""
                .formatted(id, id);
    }

    JsonNode enrol(String campaign, String... phones) {
        Response enrolled = post(drips(tenant, "/campaigns/" + campaign + "/enrolments"),
                "{\"phones\":[" + String.join(",", java.util.Arrays.stream(phones).map(p -> "\"" + p + "\"")
                        .toList()) + "]}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        return enrolled.json();
    }

    /** Removes the contact from the campaign by hand (the enrolments API); returns the ended enrolment. */
    JsonNode removeByHand(String campaign, String phone) {
        Response removal = call("DELETE", drips(tenant, "/campaigns/" + campaign + "/enrolments/" + phone), null);
        assertThat(removal.status()).as(removal.body()).isEqualTo(200);
        return removal.json();
    }

    JsonNode enrolment(String campaign, String phone) {
        for (JsonNode e : get(drips(tenant, "/campaigns/" + campaign + "/enrolments")).json()) {
            if (e.get("phone").asText().equals(phone)) {
                return e;
            }
        }
        throw new AssertionError("no enrolment of " + phone);
    }

    JsonNode figures(String campaign) {
        Response figures = get(drips(tenant, "/campaigns/" + campaign + "/figures"));
        assertThat(figures.status()).as(figures.body()).isEqualTo(200);
        return figures.json();
    }

    /** Sets the hub's clock to {@code at} (forward only: tests start from real time). */
    void clockAt(ZonedDateTime at) {
        clock.offset.set(Duration.between(Instant.now(), at.toInstant()));
    }

    void clockForward(Duration by) {
        clock.offset.set(clock.offset.get().plus(by));
    }

    /** The Cloud API requests that sent to {@code phone} (digits as WhatsApp wants them). */
    List<LoggedRequest> sendsTo(String phone) {
        List<LoggedRequest> found = new ArrayList<>();
        for (LoggedRequest request : graph.findAll(postRequestedFor(urlEqualTo(messagesPath())))) {
            if (request.getBodyAsString().contains("\"to\":\"" + phone.substring(1) + "\"")) {
                found.add(request);
            }
        }
        return found;
    }

    /** Waits until {@code count} messages went to {@code phone}; returns their template names, oldest first. */
    List<String> awaitSends(String phone, int count) {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> templatesTo(phone).size() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no send to " + phone + " within 20 s; the tenant's messages: "
                    + get("/api/v1/tenants/" + tenant + "/messages").body() + "; its events: "
                    + get("/api/v1/tenants/" + tenant + "/events").body(), e);
        }
        return templatesTo(phone);
    }

    /** The names of the templates sent to {@code phone}, oldest first (free-form texts left out). */
    List<String> templatesTo(String phone) {
        return sendsTo(phone).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString()).path("template").path("name").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(name -> !name.isEmpty()).toList();
    }

    /** The value of the body variable {@code name} in each template sent to {@code phone}, oldest first. */
    List<String> variableSent(String phone, String name) {
        List<String> values = new ArrayList<>();
        for (LoggedRequest request : sendsTo(phone)) {
            try {
                for (JsonNode component : JSON.readTree(request.getBodyAsString()).path("template").path("components")) {
                    for (JsonNode parameter : component.path("parameters")) {
                        if (parameter.path("parameter_name").asText().equals(name)) {
                            values.add(parameter.path("text").asText());
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    /** The customer's WhatsApp text, as the Cloud API's signed webhook delivers it. */
    void customerWrites(String phone, String wamid, String text) {
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Customer"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(numberId, phone.substring(1), phone.substring(1), wamid,
                        clock.instant().getEpochSecond(), text).getBytes(StandardCharsets.UTF_8);
        Response response = postWebhook("/webhooks/" + tenant + "/whatsapp-cloud", Map.of("Content-Type",
                "application/json", "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
        assertThat(response.status()).as(response.body()).isIn(200, 202);
    }
}
