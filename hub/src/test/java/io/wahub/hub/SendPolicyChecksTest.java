package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.policy.PolicyDecision;
import io.wahub.hub.policy.SendPolicy;
import io.wahub.routes.Ref;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The send policy's checks on the commerce model: consent, the 24-hour window, template approval and quiet hours,
 * decided by the hub's {@link SendPolicy} for messages to a sandbox tenant whose contacts, consent and templates were
 * set through the API; plus one message through delivery, and the templates a feature ships.
 */
class SendPolicyChecksTest extends HubIntegrationTest {

    private static final String CUSTOMER = "+4915112345678";

    @Autowired
    SendPolicy policy;

    private String tenant;

    @BeforeEach
    void sandboxTenant() {
        tenant = uniqueTenantId("checks");
        createTenant(tenant);
    }

    @Test
    void marketing_needsTheContactsOptIn_utilityDoesNot() {
        String contact = contact(CUSTOMER, null);
        customerWroteIn(tenant, CUSTOMER);
        ClaimedMessage marketing = text(MessageCategory.MARKETING);
        ClaimedMessage utility = text(MessageCategory.UTILITY);

        Map<Ref, PolicyDecision> before = policy.decide(List.of(marketing, utility));
        consent(contact, "marketing", "opted-in");
        Map<Ref, PolicyDecision> after = policy.decide(List.of(marketing, utility));

        assertThat(before).containsOnlyKeys(marketing.ref());
        assertThat(before.get(marketing.ref())).isEqualTo(PolicyDecision.suppress("no-opt-in",
                "Marketing needs the customer's opt-in, and " + CUSTOMER + " has not opted in."));
        assertThat(after).isEmpty();
    }

    @Test
    void anOptOut_suppressesItsCategory_andNeverUtilityOrAuthentication() {
        String contact = contact(CUSTOMER, null);
        customerWroteIn(tenant, CUSTOMER);
        consent(contact, "marketing", "opted-out");
        ClaimedMessage marketing = text(MessageCategory.MARKETING);

        Map<Ref, PolicyDecision> decided = policy.decide(List.of(marketing, text(MessageCategory.UTILITY),
                text(MessageCategory.AUTHENTICATION)));

        assertThat(decided).containsOnlyKeys(marketing.ref());
        assertThat(decided.get(marketing.ref()).code()).isEqualTo("opted-out");
        assertThat(decided.get(marketing.ref()).sentence()).startsWith("The customer opted out of marketing messages"
                + " on ").endsWith(" (api).");
    }

    @Test
    void freeForm_goesOnlyInsideTheWindow_aTemplateAlways() {
        ClaimedMessage text = text(MessageCategory.UTILITY);
        ClaimedMessage template = template("order_update");

        Map<Ref, PolicyDecision> neverWrote = policy.decide(List.of(text, template));
        customerWroteIn(tenant, CUSTOMER);
        Map<Ref, PolicyDecision> wroteAMinuteAgo = policy.decide(List.of(text, template));

        assertThat(neverWrote).containsOnlyKeys(text.ref());
        assertThat(neverWrote.get(text.ref())).isEqualTo(PolicyDecision.suppress("window-closed", "The customer has"
                + " never written, so WhatsApp takes only a template: this free-form message cannot be sent."));
        assertThat(wroteAMinuteAgo).isEmpty();
    }

    @Test
    void templateInReviewOrPaused_isDeferred_oneRejected_isSuppressed_oneApproved_goes() {
        String paused = storedTemplate("shipping_paused");
        storedTemplate("shipping_rejected");
        storedTemplate("shipping_ok");
        setStatus(paused, "PAUSED", "quality");
        setStatus(idOf("shipping_rejected"), "REJECTED", "INVALID_FORMAT");
        ClaimedMessage onPaused = template("shipping_paused");
        ClaimedMessage onRejected = template("shipping_rejected");
        ClaimedMessage onApproved = template("shipping_ok");
        Instant before = Instant.now();

        Map<Ref, PolicyDecision> decided = policy.decide(List.of(onPaused, onRejected, onApproved));

        assertThat(decided).containsOnlyKeys(onPaused.ref(), onRejected.ref());
        PolicyDecision deferred = decided.get(onPaused.ref());
        assertThat(deferred.status()).isEqualTo("deferred");
        assertThat(deferred.code()).isEqualTo("template-not-yet-approved");
        assertThat(deferred.sentence()).isEqualTo("Template 'shipping_paused' (en_US) is PAUSED (quality); the"
                + " message waits until it is approved.");
        assertThat(deferred.until()).isBetween(before.plus(Duration.ofMinutes(15)), Instant.now()
                .plus(Duration.ofMinutes(15)));
        assertThat(decided.get(onRejected.ref())).isEqualTo(PolicyDecision.suppress("template-not-approved",
                "Template 'shipping_rejected' (en_US) is REJECTED (INVALID_FORMAT), so the message cannot be sent."));
    }

    @Test
    void marketingDuringTheContactsNight_waitsUntilEightTheirTime_utilityDoesNot() {
        ZoneId night = zoneWhereItIsNowAbout(23);
        String contact = contact(CUSTOMER, night.getId());
        customerWroteIn(tenant, CUSTOMER);
        consent(contact, "marketing", "opted-in");
        ClaimedMessage marketing = text(MessageCategory.MARKETING);

        Map<Ref, PolicyDecision> decided = policy.decide(List.of(marketing, text(MessageCategory.UTILITY)));

        ZonedDateTime eight = ZonedDateTime.now(night).plusDays(1).withHour(8).truncatedTo(ChronoUnit.HOURS);
        assertThat(decided).containsOnlyKeys(marketing.ref());
        assertThat(decided.get(marketing.ref()).code()).isEqualTo("quiet-hours");
        assertThat(decided.get(marketing.ref()).until()).isEqualTo(eight.toInstant());
    }

    @Test
    void textToACustomerWhoNeverWrote_endsSuppressed_withItsReasonInTheMessagesApi() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO message (tenant_id, id, channel, recipient, category, content, idempotency_key,
                                             status, next_attempt_at, created_at, updated_at)
                        VALUES (:tenant, :id, 'sandbox', :to, 'UTILITY', '{"text":"Your order shipped"}', :key,
                                'queued', now(), now(), now())
                        """)
                .param("tenant", tenant).param("id", id).param("to", CUSTOMER).param("key", "t-" + id).update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode message = get("/api/v1/tenants/" + tenant + "/messages/" + id).json().path("message");
            assertThat(message.path("status").asText()).isEqualTo("suppressed");
            assertThat(message.path("reasonCode").asText()).isEqualTo("window-closed");
            assertThat(message.path("lastError").asText()).startsWith("The customer has never written");
        });
    }

    @Test
    void enablingAFeature_storesTheTemplateItShips_approvedOnTheSandbox_andLeavesTheTenantsOwnAlone() {
        String other = uniqueTenantId("checks-own");
        createTenant(other);
        Response own = post("/api/v1/tenants/" + other + "/templates", """
                {"name":"order_packing_list","language":"en_US","category":"UTILITY",
                 "body":"Your order {{order_number}} is being packed.","examples":{"order_number":"#1001"}}""");
        assertThat(own.status()).as(own.body()).isEqualTo(201);

        enableFeature(tenant, "packing-list", true);
        enableFeature(other, "packing-list", true);

        JsonNode shipped = get("/api/v1/tenants/" + tenant + "/templates").json().get(0);
        assertThat(shipped.get("name").asText()).isEqualTo("order_packing_list");
        assertThat(shipped.get("category").asText()).isEqualTo("UTILITY");
        assertThat(shipped.get("status").asText()).isEqualTo("APPROVED");
        assertThat(shipped.get("body").asText()).isEqualTo("Hi {{customer_name}}, thanks for your order"
                + " {{order_number}}! We are packing: {{items}}. Total: {{total}}.");
        JsonNode kept = get("/api/v1/tenants/" + other + "/templates").json();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("body").asText()).isEqualTo("Your order {{order_number}} is being packed.");
    }

    private ClaimedMessage text(MessageCategory category) {
        return claimed(OutboundMessage.text(CUSTOMER, category, "Hello", "k-" + UUID.randomUUID()));
    }

    private ClaimedMessage template(String name) {
        return claimed(new OutboundMessage(CUSTOMER, MessageCategory.UTILITY, null,
                new OutboundMessage.Template(name, "en_US", List.of("#1001")), "k-" + UUID.randomUUID()));
    }

    private ClaimedMessage claimed(OutboundMessage message) {
        return new ClaimedMessage(new Ref(tenant, UUID.randomUUID()), "sandbox", message, 1);
    }

    private String contact(String phone, String timeZone) {
        Response created = post("/api/v1/tenants/" + tenant + "/contacts", timeZone == null
                ? "{\"phone\":\"" + phone + "\"}" : "{\"phone\":\"" + phone + "\",\"timeZone\":\"" + timeZone + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void consent(String contactId, String category, String status) {
        Response response = put("/api/v1/tenants/" + tenant + "/contacts/" + contactId + "/consent/" + category,
                "{\"status\":\"" + status + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String storedTemplate(String name) {
        Response created = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"%s","language":"en_US","category":"UTILITY","body":"Order {{order_number}} shipped.",
                 "examples":{"order_number":"#1001"}}""".formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String idOf(String name) {
        for (JsonNode template : get("/api/v1/tenants/" + tenant + "/templates").json()) {
            if (template.get("name").asText().equals(name)) {
                return template.get("id").asText();
            }
        }
        throw new IllegalStateException("no template " + name);
    }

    private void setStatus(String id, String status, String reason) {
        Response response = put("/api/v1/tenants/" + tenant + "/templates/" + id + "/status",
                "{\"status\":\"" + status + "\",\"reason\":\"" + reason + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** A fixed-offset zone (Etc/GMT±n) where the local hour now is {@code hour}. */
    private static ZoneId zoneWhereItIsNowAbout(int hour) {
        int offset = Math.floorMod(hour - ZonedDateTime.now(ZoneId.of("UTC")).getHour() + 12, 24) - 12;
        // Etc/GMT zones have the POSIX sign: Etc/GMT-3 is three hours ahead of UTC
        return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }
}
