package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the invoice tests: the real invoices, stripe and whatsapp-cloud plugin jars, PostgreSQL, WireMock as
 * Stripe (checkout sessions) and as the Cloud API, and the hub's clock moved by the tests. Tenants are on plan
 * enterprise with the invoices feature on (its templates stored while on the sandbox, which approves them at once),
 * then switched to the Cloud API. The hub runs on an embedded PostgreSQL of its own, so no other test class's hub
 * takes its timers with another clock.
 */
@Import(AdjustableClock.Configuration.class)
abstract class InvoiceTestBase extends HubIntegrationTest {

    static final String PHONE = "+4915112345678";
    static final String STRIPE_SECRET = "whsec_invoices_test";
    static final String PAGE = "https://checkout.stripe.com/c/pay/cs_test_inv";
    // New servers for each test class: a stopped WireMockServer cannot be started again, and both subclasses share
    // these fields.
    static WireMockServer stripe;
    static WireMockServer graph;

    @DynamicPropertySource
    static void quickTimers(DynamicPropertyRegistry registry) {
        registry.add("wahub.timers.period", () -> "100ms");
        // a failed send waits long enough for a payment to land meanwhile
        registry.add("wahub.delivery.initial-backoff", () -> "3s");
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    @Autowired
    AdjustableClock clock;

    @BeforeAll
    static void startVendors() {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        graph = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripe.start();
        graph.start();
        stripe.stubFor(WireMock.post(urlEqualTo("/v1/checkout/sessions"))
                .willReturn(WireMock.okJson("{\"id\":\"cs_test_inv\",\"url\":\"" + PAGE + "\"}")));
    }

    @AfterAll
    static void stopVendors() {
        stripe.stop();
        graph.stop();
    }

    @AfterEach
    void clockBack() {
        clock.offset.set(Duration.ZERO);
    }

    /** A tenant with invoices on (reminders at 09:00 UTC, default policy) sending through the Cloud API. */
    String invoiceTenant(String prefix, String numberId) {
        String tenant = uniqueTenantId(prefix);
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        configureConnector(tenant, "stripe", """
                {"webhookSecret":"%s","secretKey":"sk_test_inv","apiBaseUrl":"%s"}"""
                .formatted(STRIPE_SECRET, stripe.baseUrl()));
        enableFeature(tenant, "invoices", true);
        Response saved = put(invoices(tenant, ""), "{\"settings\":{\"successUrl\":\"https://shop.example/paid\"}}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        graph.stubFor(WireMock.get(urlEqualTo("/v23.0/" + numberId + "?fields=id"))
                .willReturn(WireMock.okJson("{\"id\":\"" + numberId + "\"}")));
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + numberId + "/messages")).atPriority(5)
                .willReturn(WireMock.okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid."
                        + numberId + "\"}]}")));
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"%s","appSecret":"inv-app-secret",\
                "verifyToken":"v"}""".formatted(numberId, graph.baseUrl()));
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        return tenant;
    }

    static String invoices(String tenant, String path) {
        return "/api/v1/tenants/" + tenant + "/features/invoices" + path;
    }

    /** Today in UTC by the hub's clock. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    Response createInvoice(String tenant, String reference, LocalDate due) {
        return post(invoices(tenant, "/invoices"), """
                {"reference":"%s","contact":{"phone":"%s","name":"Jon"},"currency":"EUR",
                 "lines":[{"description":"Shirt","quantity":2,"unitAmountMinor":1000},
                          {"description":"Mug","unitAmountMinor":999}],"dueDate":"%s"}"""
                .formatted(reference, PHONE, due));
    }

    JsonNode invoice(String tenant, String id) {
        Response read = get(invoices(tenant, "/invoices/" + id));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json();
    }

    /** Moves the hub's clock to {@code day} at {@code hh:mm} UTC. */
    void moveClockTo(LocalDate day, int hour, int minute) {
        clock.offset.set(Duration.between(java.time.Instant.now(),
                day.atTime(hour, minute).toInstant(ZoneOffset.UTC)));
    }

    /** Posts Stripe's checkout.session.completed for the invoice, as Stripe signs it (at the hub's clock). */
    Response stripePaid(String tenant, String invoiceId) {
        byte[] body = """
                {"id":"evt_%s","object":"event","api_version":"2025-06-30.basil","created":%d,
                 "data":{"object":{"id":"cs_test_inv","object":"checkout.session","amount_total":2999,
                  "client_reference_id":"%s","currency":"eur","customer_details":{"name":"Jon","phone":"%s"},
                  "invoice":null,"livemode":false,"metadata":{"invoice_id":"%s"},"mode":"payment",
                  "payment_intent":"pi_%s","payment_status":"paid","status":"complete"}},
                 "livemode":false,"type":"checkout.session.completed"}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), clock.instant().getEpochSecond(),
                        invoiceId, PHONE, invoiceId, invoiceId.replace("-", "")).getBytes(StandardCharsets.UTF_8);
        return postWebhook("/webhooks/" + tenant + "/stripe", Map.of("Content-Type", "application/json",
                "Stripe-Signature", StripeWebhookTest.sign(body, clock.instant().getEpochSecond(), STRIPE_SECRET)),
                body);
    }

    /** The Cloud API requests for template {@code name} to the number id, oldest first. */
    static List<LoggedRequest> sends(String numberId, String template) {
        return graph.findAll(postRequestedFor(urlEqualTo("/v23.0/" + numberId + "/messages"))
                .withRequestBody(containing("\"name\":\"" + template + "\"")));
    }

    /** The tenant's messages with this template name, once none of them is still waiting. */
    List<JsonNode> messages(String tenant, String template, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            get("/api/v1/tenants/" + tenant + "/messages?limit=500").json().forEach(m -> {
                if (m.path("template").path("name").asText().equals(template)) {
                    found.add(m);
                }
            });
            return found.size() >= count && found.stream()
                    .noneMatch(m -> List.of("queued", "sending", "deferred").contains(m.get("status").asText()));
        });
        return found;
    }

    /** The tenant's invoice timers still scheduled. */
    long timers(String tenant) {
        return jdbc.sql("SELECT count(*) FROM feature_timer WHERE tenant_id = :t AND feature_id = 'invoices'")
                .param("t", tenant).query(Long.class).single();
    }
}
