package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contacts API over HTTP on real PostgreSQL: create, change, list, delete, consent, and contacts from orders. */
class ContactsApiTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_contacts_secret";

    private String tenant;
    private String base;

    @BeforeEach
    void shop() {
        tenant = uniqueTenantId("contacts");
        base = "/api/v1/tenants/" + tenant + "/contacts";
        createShop(tenant, SHOPIFY_SECRET, tenant + ".myshopify.com");
    }

    @Test
    void create_normalisesTheNumber_derivesTheCountry_andAnswers201WithTheContact() {
        Response created = post(base, """
                {"phone":"0151 2345 6789","country":"de","name":"Anna Schmidt","language":"de",
                 "timeZone":"Europe/Berlin","tags":["vip","newsletter"],"attributes":{"tier":"gold"}}""");
        Response derived = post(base, """
                {"phone":"+34 611 22 33 44"}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode anna = created.json();
        assertThat(created.headers().get("location").getFirst()).isEqualTo(base + "/" + anna.get("id").asText());
        assertThat(anna.get("phone").asText()).isEqualTo("+4915123456789");
        assertThat(anna.get("country").asText()).isEqualTo("DE");
        assertThat(anna.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(anna.get("tags").toString()).isEqualTo("[\"vip\",\"newsletter\"]");
        assertThat(anna.get("attributes").toString()).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(anna.get("source").asText()).isEqualTo("api");
        assertThat(anna.has("windowOpenUntil")).isFalse();
        assertThat(anna.get("windowOpen").asBoolean()).isFalse();
        assertThat(derived.json().get("phone").asText()).isEqualTo("+34611223344");
        assertThat(derived.json().get("country").asText()).isEqualTo("ES");
    }

    @Test
    void invalidFields_are422WithAnErrorPerField_andATakenNumberIs409() {
        post(base, "{\"phone\":\"+4915123456789\"}");

        Response invalid = post(base, """
                {"phone":"12","country":"XX","language":"deutsch!","timeZone":"Mars/Olympus"}""");
        Response taken = post(base, "{\"phone\":\"+49 151 23456789\"}");

        assertRejectedWith(invalid, 422, "invalid-request");
        assertThat(invalid.json().get("errors").toString()).isEqualTo("""
                {"country":"not an ISO 3166 country code: XX",\
                "phone":"not a valid phone number: 12 (give it with its country prefix, e.g. +49…)",\
                "language":"not a language tag such as de or pt_BR: deutsch!",\
                "timeZone":"not a time zone such as Europe/Berlin: Mars/Olympus"}""");
        assertRejectedWith(taken, 409, "contact-exists");
    }

    @Test
    void patch_changesOnlyTheGivenFields_mergesAttributes_andRefusesANewNumber() {
        String id = post(base, """
                {"phone":"+4915123456789","name":"Anna","tags":["a"],"attributes":{"tier":"gold","city":"Bonn"}}""")
                .json().get("id").asText();

        Response patched = call("PATCH", base + "/" + id, """
                {"language":"de","tags":["b","c"],"attributes":{"city":null,"size":"M"}}""");
        Response renumbered = call("PATCH", base + "/" + id, "{\"phone\":\"+4915199999999\"}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("Anna");
        assertThat(patched.json().get("language").asText()).isEqualTo("de");
        assertThat(patched.json().get("tags").toString()).isEqualTo("[\"b\",\"c\"]");
        assertThat(patched.json().get("attributes").toString()).isEqualTo("{\"size\":\"M\",\"tier\":\"gold\"}");
        assertRejectedWith(renumbered, 422, "invalid-request");
        assertThat(renumbered.json().at("/errors/phone").asText())
                .isEqualTo("cannot be changed; create a contact with the new number");
    }

    @Test
    void list_filtersByTagSearchAndConsent_andPagesWithACursor() {
        String anna = post(base, "{\"phone\":\"+4915100000001\",\"name\":\"Anna\",\"tags\":[\"vip\"]}")
                .json().get("id").asText();
        post(base, "{\"phone\":\"+4915100000002\",\"name\":\"Bert\"}");
        post(base, "{\"phone\":\"+4915100000003\",\"name\":\"Johanna\",\"tags\":[\"vip\"]}");
        Response optIn = put(base + "/" + anna + "/consent/marketing", """
                {"status":"opted-in","source":"checkout-form"}""");

        JsonNode vip = get(base + "?tag=vip").json();
        JsonNode search = get(base + "?search=ANNA").json();
        JsonNode byDigits = get(base + "?search=000002").json();
        JsonNode optedIn = get(base + "?consent=opted-in").json();
        JsonNode none = get(base + "?consent=none").json();
        JsonNode first = get(base + "?limit=2").json();
        JsonNode second = get(base + "?limit=2&cursor=" + first.get("nextCursor").asText()).json();

        assertThat(optIn.status()).as(optIn.body()).isEqualTo(200);
        assertThat(optIn.json().at("/consent/marketing/status").asText()).isEqualTo("opted-in");
        assertThat(optIn.json().at("/consent/marketing/source").asText()).isEqualTo("checkout-form");
        assertThat(vip.get("items").findValuesAsText("name")).containsExactly("Johanna", "Anna");
        assertThat(search.get("items").findValuesAsText("name")).containsExactly("Johanna", "Anna");
        assertThat(byDigits.get("items").findValuesAsText("name")).containsExactly("Bert");
        assertThat(optedIn.get("items").findValuesAsText("name")).containsExactly("Anna");
        assertThat(none.get("items").findValuesAsText("name")).containsExactly("Johanna", "Bert");
        assertThat(first.get("items").findValuesAsText("name")).containsExactly("Johanna", "Bert");
        assertThat(second.get("items").findValuesAsText("name")).containsExactly("Anna");
        assertThat(second.has("nextCursor")).isFalse();
        assertRejectedWith(get(base + "?consent=maybe"), 422, "invalid-request");
        assertRejectedWith(get(base + "?cursor=garbage"), 422, "invalid-request");
    }

    @Test
    void optOutOfMarketing_neverBlocksUtility_andAnOlderDecisionDoesNotOverrideANewerOne() {
        String id = post(base, "{\"phone\":\"+4915100000009\"}").json().get("id").asText();

        put(base + "/" + id + "/consent/marketing", """
                {"status":"opted-out","source":"call-center","at":"2026-01-02T10:00:00Z"}""");
        Response older = put(base + "/" + id + "/consent/marketing", """
                {"status":"opted-in","source":"old-form","at":"2026-01-01T10:00:00Z"}""");
        Response future = put(base + "/" + id + "/consent/marketing", """
                {"status":"opted-in","at":"2999-01-01T00:00:00Z"}""");
        Response unknown = put(base + "/" + id + "/consent/newsletter", "{\"status\":\"opted-in\"}");

        assertThat(older.json().at("/consent/marketing").toString()).isEqualTo(
                "{\"status\":\"opted-out\",\"source\":\"call-center\",\"at\":\"2026-01-02T10:00:00Z\"}");
        assertThat(older.json().at("/consent/utility").isMissingNode()).isTrue();
        assertRejectedWith(future, 422, "invalid-request");
        assertThat(unknown.json().at("/errors/category").asText())
                .isEqualTo("one of marketing, utility, authentication, service");
    }

    @Test
    void delete_removesTheContact_andThenItIs404() {
        String id = post(base, "{\"phone\":\"+4915100000010\"}").json().get("id").asText();

        Response deleted = call("DELETE", base + "/" + id, null);
        Response again = call("DELETE", base + "/" + id, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertRejectedWith(again, 404, "contact-not-found");
        assertRejectedWith(get(base + "/" + id), 404, "contact-not-found");
    }

    @Test
    void shopifyOrder_createsTheCustomerAsContact_withNameEmailAndCountry() {
        Response webhook = postShopify(tenant, "orders/create", "evt-contact-1",
                shopifyOrder().getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, tenant + ".myshopify.com");

        assertThat(webhook.status()).as(webhook.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(base).json().get("items").size() == 1);
        JsonNode contact = get(base).json().get("items").get(0);
        assertThat(contact.get("phone").asText()).isEqualTo("+4915112345678");
        assertThat(contact.get("name").asText()).isEqualTo("Jon Doe");
        assertThat(contact.get("country").asText()).isEqualTo("DE");
        assertThat(contact.get("attributes").toString()).isEqualTo("{\"email\":\"jon@doe.ca\"}");
        assertThat(contact.get("source").asText()).isEqualTo("order");
    }

    @Test
    void shopifyOrder_forAKnownContact_updatesItsNameAndEmail_keepingItsTagsAttributesSourceAndLanguage() {
        String id = post(base, """
                {"phone":"+4915112345678","name":"Jonny","language":"de","tags":["vip"],
                 "attributes":{"tier":"gold"}}""").json().get("id").asText();

        Response webhook = postShopify(tenant, "orders/create", "evt-contact-2",
                shopifyOrder().getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET, tenant + ".myshopify.com");

        assertThat(webhook.status()).as(webhook.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(base + "/" + id).json().get("name").asText()
                .equals("Jon Doe"));
        JsonNode items = get(base).json().get("items");
        assertThat(items).hasSize(1);
        JsonNode contact = items.get(0);
        assertThat(contact.get("id").asText()).isEqualTo(id);
        assertThat(contact.get("attributes").toString()).isEqualTo("{\"tier\":\"gold\",\"email\":\"jon@doe.ca\"}");
        assertThat(contact.get("tags").toString()).isEqualTo("[\"vip\"]");
        assertThat(contact.get("language").asText()).isEqualTo("de");
        assertThat(contact.get("country").asText()).isEqualTo("DE");
        assertThat(contact.get("source").asText()).isEqualTo("api");
    }

    @Test
    void anotherTenantsKey_seesNoneOfThisTenantsContactsImportsOrConversations_404() {
        String id = post(base, "{\"phone\":\"+4915100000011\"}").json().get("id").asText();
        String importId = postCsv(tenant, OPERATOR_KEY, "phone\n+4915100000012\n").json().get("id").asText();
        String other = uniqueTenantId("contacts-other");
        createTenant(other);
        String otherKey = adminKey(other);
        String otherBase = "/api/v1/tenants/" + other + "/contacts";

        assertRejectedWith(callAs(otherKey, "GET", base, null), 404, "tenant-not-found");
        assertRejectedWith(callAs(otherKey, "GET", base + "/" + id, null), 404, "tenant-not-found");
        assertRejectedWith(callAs(otherKey, "PATCH", base + "/" + id, "{\"name\":\"x\"}"), 404, "tenant-not-found");
        assertRejectedWith(callAs(otherKey, "DELETE", base + "/" + id, null), 404, "tenant-not-found");
        assertRejectedWith(callAs(otherKey, "GET", base + "/imports/" + importId, null), 404, "tenant-not-found");
        assertRejectedWith(postCsv(tenant, otherKey, "phone\n+4915100000013\n"), 404, "tenant-not-found");
        assertRejectedWith(callAs(otherKey, "GET", otherBase + "/" + id, null), 404, "contact-not-found");
        assertRejectedWith(callAs(otherKey, "PATCH", otherBase + "/" + id, "{\"name\":\"x\"}"), 404,
                "contact-not-found");
        assertRejectedWith(callAs(otherKey, "DELETE", otherBase + "/" + id, null), 404, "contact-not-found");
        assertRejectedWith(callAs(otherKey, "PUT", otherBase + "/" + id + "/consent/marketing",
                "{\"status\":\"opted-in\"}"), 404, "contact-not-found");
        assertRejectedWith(callAs(otherKey, "GET", otherBase + "/" + id + "/conversation", null), 404,
                "contact-not-found");
        assertRejectedWith(callAs(otherKey, "GET", otherBase + "/imports/" + importId, null), 404,
                "import-not-found");
        assertThat(callAs(otherKey, "GET", otherBase, null).json().get("items")).isEmpty();
        assertThat(get(base + "/" + id).json().has("name")).isFalse();
    }

    @Test
    void aKeyWithoutContactScopes_may_notReadOrWriteContacts_403() {
        String readOnly = createKey(tenant, "{\"name\":\"reader\",\"scopes\":[\"contacts:read\"]}");
        String none = createKey(tenant, "{\"name\":\"messages\",\"scopes\":[\"messages:read\"]}");

        assertThat(callAs(readOnly, "GET", base, null).status()).isEqualTo(200);
        assertRejectedWith(callAs(readOnly, "POST", base, "{\"phone\":\"+4915100000014\"}"), 403,
                "insufficient-scope");
        assertRejectedWith(callAs(none, "GET", base, null), 403, "insufficient-scope");
    }

    Response postCsv(String tenantId, String key, String csv) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants/" + tenantId
                        + "/contacts/imports"))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }
}
