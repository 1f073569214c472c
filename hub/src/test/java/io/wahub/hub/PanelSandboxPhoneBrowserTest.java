package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox phone, contacts and templates pages in real headless Chromium: a signed Shopify order's
 * cash-on-delivery question in the phone, a tap on its button and STOP entering the hub as WhatsApp messages, the
 * opt-out on the contacts page, a CSV import; a one-time code read in the phone and approved; a template refused
 * for its variables, fixed, created and paused by hand.
 */
class PanelSandboxPhoneBrowserTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_phone_secret";
    private static final String PHONE = "+4915112345678";
    private static final String OTP_PHONE = "+4915112345679";

    @Test
    void codQuestionInThePhone_tapConfirm_confirmsTheOrder_andStopShowsAsMarketingOptOutOnTheContactsPage() {
        String tenant = uniqueTenantId("phone");
        createShop(tenant, SHOPIFY_SECRET, tenant + ".myshopify.com");
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        enableFeature(tenant, "cod", true);
        assertThat(put(cod(tenant, ""), "{\"settings\":{\"delayMinutes\":0}}").status()).isEqualTo(200);
        long orderId = 5_200_000_001L;
        String order = shopifyOrder(orderId).replace("\"payment_gateway_names\": [\"bogus\"]",
                "\"payment_gateway_names\": [\"Cash on Delivery (COD)\"]");
        Response webhook = postShopify(tenant, "orders/create", "evt-phone-1", order.getBytes(StandardCharsets.UTF_8),
                SHOPIFY_SECRET, tenant + ".myshopify.com");
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(202);
        JsonNode question = sentTo(tenant, PHONE, 1).getFirst();

        PanelBrowser.Report report = PanelBrowser.run("sandbox-phone", port, OPERATOR_EMAIL, OPERATOR_PASSWORD,
                tenant);

        JsonNode facts = report.facts();
        assertThat(facts.path("question").asText()).startsWith("Hi Jon, you ordered #1001")
                .contains("to pay cash on delivery");
        assertThat(facts.path("buttons").toString()).isEqualTo("[\"↩ Confirm\",\"↩ Cancel\"]");
        assertThat(facts.path("tapShown").asText()).contains("Tapped a button").contains("Confirm");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(cod(tenant, "/confirmations/"
                + orderId)).json().path("status").asText()).isEqualTo("confirmed"));
        JsonNode tap = receivedEvents(tenant).stream().filter(p -> p.path("kind").asText().equals("button"))
                .findFirst().orElseThrow();
        assertThat(tap.path("buttonPayload").asText()).isEqualTo("cod:shopify:" + orderId + ":confirm");
        assertThat(tap.path("text").asText()).isEqualTo("Confirm");
        assertThat(tap.path("replyTo").asText()).isEqualTo(question.path("providerMessageId").asText());
        assertThat(facts.path("marketing").asText()).isEqualTo("Opted out");
        assertThat(facts.path("history").asText()).contains("marketing opted-out via keyword");
        List<String> timeline = new ArrayList<>();
        facts.path("timeline").forEach(text -> timeline.add(text.asText()));
        assertThat(timeline).hasSize(5);
        assertThat(timeline.subList(0, 4)).containsExactly(
                "You will no longer receive marketing messages from us. Reply START to receive them again.", "STOP",
                "Thank you! Your order #1001 is confirmed and will be on its way soon.", "Confirm");
        assertThat(timeline.get(4)).isEqualTo(facts.path("question").asText());
        JsonNode contact = get("/api/v1/tenants/" + tenant + "/contacts?search=4915112345678").json()
                .at("/items/0");
        assertThat(contact.at("/consent/marketing/status").asText()).isEqualTo("opted-out");
        assertThat(facts.path("summary").asText())
                .isEqualTo("Import finished: 3 read, 2 created, 0 updated, 1 failed.");
        assertThat(facts.path("progress").asInt()).isEqualTo(100);
        assertThat(facts.path("failures")).hasSize(1);
        assertThat(facts.path("failures").path(0).asText()).isEqualTo("3 | phone: not a valid phone number: 12 (give it"
                + " with its country prefix, e.g. +49…)");
        assertThat(get("/api/v1/tenants/" + tenant + "/contacts?tag=vip").json().at("/items/0/phone").asText())
                .isEqualTo("+4915100000031");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void otpStartedThroughTheApi_codeReadInTheSandboxPhone_isApproved() {
        String tenant = uniqueTenantId("phone-otp");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        Response template = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"verification_code","language":"en_US","category":"AUTHENTICATION",
                 "authentication":{"addSecurityRecommendation":true,"codeExpirationMinutes":5},
                 "buttons":[{"type":"COPY_CODE","text":"Copy code"}]}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        enableFeature(tenant, "otp", true);
        String otp = "/api/v1/tenants/" + tenant + "/features/otp";
        Response started = post(otp + "/verifications", "{\"to\":\"" + OTP_PHONE + "\",\"purpose\":\"login\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        sentTo(tenant, OTP_PHONE, 1);

        PanelBrowser.Report report = PanelBrowser.run("sandbox-otp", port, OPERATOR_EMAIL, OPERATOR_PASSWORD,
                tenant);

        String code = report.facts().path("code").asText();
        assertThat(code).matches("\\d{4,10}");
        assertThat(report.facts().path("text").asText()).isEqualTo("*" + code + "* is your verification code. For"
                + " your security, do not share this code.\n\nThis code expires in 5 minutes.");
        assertThat(report.facts().path("copyButton").asText()).contains(code);
        assertThat(report.facts().path("chosen").asText()).isEqualTo(OTP_PHONE);
        Response checked = post(otp + "/verification-checks", "{\"to\":\"" + OTP_PHONE
                + "\",\"purpose\":\"login\",\"code\":\"" + code + "\"}");
        assertThat(checked.json().path("status").asText()).as(checked.body()).isEqualTo("approved");
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void templateWithAVariableError_showsTheError_thenFixedIsCreatedApproved_pausedByHand_andThePagesFit390Px() {
        String tenant = uniqueTenantId("phone-tpl");
        createTenant(tenant);

        PanelBrowser.Report report = PanelBrowser.run("templates", port, OPERATOR_EMAIL, OPERATOR_PASSWORD, tenant);

        JsonNode facts = report.facts();
        assertThat(facts.path("bodyError").asText())
                .isEqualTo("malformed placeholder '{{1}}': write variables as {{lowercase_name}}");
        assertThat(facts.path("exampleError").asText()).isEqualTo("an example is required for every variable");
        assertThat(facts.path("focused").asText()).isEqualTo("Example for {{first_name}}");
        assertThat(facts.path("errorsAfterFix").asInt()).isZero();
        assertThat(facts.path("preview").asText()).isEqualTo("Hi Jon, your order #1001 is ready.");
        assertThat(facts.path("notice").asText()).isEqualTo("Template order_ready created: approved.");
        assertThat(facts.path("status").asText()).isEqualTo("APPROVED");
        assertThat(facts.path("pausedNotice").asText()).isEqualTo("Template order_ready is now paused.");
        assertThat(facts.path("paused").asText()).isEqualTo("PAUSED");
        JsonNode saved = get("/api/v1/tenants/" + tenant + "/templates").json().get(0);
        assertThat(saved.path("status").asText()).isEqualTo("PAUSED");
        assertThat(saved.path("examples").toString()).isEqualTo("{\"first_name\":\"Jon\",\"order_number\":\"#1001\"}");
        assertThat(saved.path("buttons").toString()).isEqualTo("[{\"type\":\"QUICK_REPLY\",\"text\":\"Thanks\"}]");
        assertThat(facts.path("narrow").toString()).isEqualTo("{\"phone\":0,\"contacts\":0,\"templates\":0}");
        assertThat(report.errors()).isEmpty();
    }

    private static String cod(String tenant, String path) {
        return "/api/v1/tenants/" + tenant + "/features/cod" + path;
    }

    /** The tenant's messages to {@code to}, oldest first, once {@code count} of them are sent. */
    private List<JsonNode> sentTo(String tenant, String to, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            get("/api/v1/tenants/" + tenant + "/messages?limit=100").json().forEach(m -> {
                if (m.path("to").asText().equals(to) && m.path("status").asText().equals("sent")) {
                    found.add(m);
                }
            });
            return found.size() >= count;
        });
        found.sort(java.util.Comparator.comparing(m -> m.path("createdAt").asText()));
        return found;
    }

    /** The payloads of the tenant's message.received events. */
    private List<JsonNode> receivedEvents(String tenant) {
        List<JsonNode> payloads = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/events?type=message.received&limit=50").json().forEach(event -> payloads
                .add(get("/api/v1/tenants/" + tenant + "/events/" + event.path("id").asText()).json()
                        .path("payload")));
        return payloads;
    }
}
