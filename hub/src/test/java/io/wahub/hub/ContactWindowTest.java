package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.feature.FeatureContexts;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.MessageCategory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The 24-hour customer-service window by the hub's clock, moved forward by a test-only clock (the hub's own
 * {@code Clock} bean, replaced in this test's application context only), and the contacts a feature sees through
 * {@code FeatureContext.contacts()}.
 */
@Import(AdjustableClock.Configuration.class)
@DirtiesContext // an application context of its own (its clock): closed after the class, its connections freed
class ContactWindowTest extends HubIntegrationTest {

    private static final String APP_SECRET = "window-app-secret";

    @Autowired
    AdjustableClock clock;
    @Autowired
    FeatureContexts featureContexts;
    @Autowired
    ExtensionRegistry extensions;

    private String tenant;
    private String phoneNumberId;

    @BeforeEach
    void tenantWithACloudApiNumber() {
        tenant = uniqueTenantId("window");
        phoneNumberId = uniquePhoneNumberId();
        createTenant(tenant);
        configureConnector(tenant, "whatsapp-cloud", """
                {"phoneNumberId":"%s","accessToken":"EAAG-test","baseUrl":"https://graph.invalid","appSecret":"%s"}"""
                .formatted(phoneNumberId, APP_SECRET));
    }

    @AfterEach
    void clockBack() {
        clock.offset.set(Duration.ZERO);
    }

    @Test
    void window_isOpenFor24HoursAfterTheLastInboundMessage_thenClosed() {
        Instant wrote = Instant.now().minusSeconds(3600).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
        postInbound("+4915100000101", "wamid.window-1-" + tenant, wrote.getEpochSecond());
        await().atMost(Duration.ofSeconds(20)).until(() -> contact("+4915100000101") != null);

        JsonNode open = contact("+4915100000101");
        boolean openForAFeature = contacts().windowOpen("+4915100000101");
        clock.offset.set(Duration.ofHours(22).plusMinutes(59)); // 23:59 h after the message
        JsonNode lastMinute = contact("+4915100000101");
        clock.offset.set(Duration.ofHours(23).plusMinutes(1)); // 24:01 h after it
        JsonNode closed = contact("+4915100000101");
        boolean closedForAFeature = contacts().windowOpen("+4915100000101");

        assertThat(open.get("windowOpenUntil").asText()).isEqualTo(wrote.plus(Duration.ofHours(24)).toString());
        assertThat(open.get("windowOpen").asBoolean()).isTrue();
        assertThat(openForAFeature).isTrue();
        assertThat(lastMinute.get("windowOpen").asBoolean()).isTrue();
        assertThat(closed.get("windowOpen").asBoolean()).isFalse();
        assertThat(closed.get("windowOpenUntil").asText()).isEqualTo(wrote.plus(Duration.ofHours(24)).toString());
        assertThat(closedForAFeature).isFalse();
        assertThat(contacts().windowOpen("+4915100000199")).isFalse();
    }

    @Test
    void aFeaturesContacts_upsertFindConsentAndOptOut_againstTheDatabase() {
        Contacts contacts = contacts();

        Contacts.Contact created = contacts.upsert(new Contacts.Update("+4915100000102", "Anna", "de",
                List.of("otp"), Map.of("plan", "pro")));
        Contacts.Consent before = contacts.consent("+4915100000102", MessageCategory.MARKETING);
        contacts.optIn("+4915100000102", MessageCategory.MARKETING, "signup-form",
                Instant.parse("2026-01-01T00:00:00Z"));
        contacts.optOut("+4915100000102", MessageCategory.MARKETING, "keyword", Instant.parse("2026-01-02T00:00:00Z"));
        Contacts.Consent marketing = contacts.consent("+4915100000102", MessageCategory.MARKETING);
        Contacts.Consent utility = contacts.consent("+4915100000102", MessageCategory.UTILITY);

        assertThat(created).isEqualTo(new Contacts.Contact("+4915100000102", "Anna", "de", "DE", null,
                List.of("otp"), Map.of("plan", "pro"), "feature", null));
        assertThat(contacts.find("+4915100000102")).contains(created);
        assertThat(before).isEqualTo(new Contacts.Consent(MessageCategory.MARKETING, false, "none", null, null));
        assertThat(marketing).isEqualTo(new Contacts.Consent(MessageCategory.MARKETING, false, "opted-out",
                "keyword", Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(utility.allowed()).isTrue();
        assertThat(get("/api/v1/tenants/" + tenant + "/contacts?consent=opted-out").json().get("items")
                .findValuesAsText("phone")).containsExactly("+4915100000102");
        assertThatThrownBy(() -> contacts.find("0151 000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an E.164 number: 0151 000");
    }

    private Contacts contacts() {
        var feature = extensions.features().stream().filter(f -> f.id().equals("packing-list")).findFirst()
                .orElseThrow();
        return featureContexts.open(tenant, feature).context().contacts();
    }

    private void postInbound(String phone, String wamid, long timestamp) {
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Window"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"hello"}}]}}]}]}"""
                .formatted(phoneNumberId, phone.substring(1), phone.substring(1), wamid, timestamp)
                .getBytes(StandardCharsets.UTF_8);
        Response response = postWebhook("/webhooks/" + tenant + "/whatsapp-cloud", Map.of("Content-Type",
                "application/json", "X-Hub-Signature-256", "sha256=" + Hmac.hex(Hmac.sha256(APP_SECRET, body))), body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private JsonNode contact(String phone) {
        JsonNode items = get("/api/v1/tenants/" + tenant + "/contacts?search=" + phone.substring(1)).json()
                .get("items");
        return items.isEmpty() ? null : items.get(0);
    }
}
