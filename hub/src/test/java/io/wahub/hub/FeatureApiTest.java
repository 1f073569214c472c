package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.testplugin.NotesFeature;
import io.wahub.hub.testplugin.TestPluginJar;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A feature's API through the real path: HTTP in, the hub's authentication, a real plugin jar ({@link NotesFeature},
 * with its own migration) and PostgreSQL. Each test has tenants of its own (plan {@code pro}, the feature on). The
 * hub of this class (it has a plugin the others lack) is closed after it, and keeps few connections meanwhile: the
 * test database server is shared by every cached test hub.
 */
@DirtiesContext
class FeatureApiTest extends PeopleTest {

    private static final String NOTES = "/features/" + NotesFeature.ID + "/notes";
    private static final int CALLS_PER_MINUTE = 30;

    @DynamicPropertySource
    static void notesPlugin(DynamicPropertyRegistry registry) {
        registry.add("wahub.plugins.dir", () -> TestPluginJar.notesPluginDir(
                Map.of("V1__notes.sql", NotesFeature.MIGRATION)).toString());
        registry.add("wahub.features.api.calls-per-minute", () -> CALLS_PER_MINUTE);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
    }

    /** A new tenant on plan pro with the notes feature switched on. */
    private String tenantWithNotes(String prefix) {
        String tenant = uniqueTenantId(prefix);
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}").status()).isEqualTo(200);
        enableFeature(tenant, NotesFeature.ID, true);
        return tenant;
    }

    private static String notes(String tenant) {
        return "/api/v1/tenants/" + tenant + NOTES;
    }

    private String featureKey(String tenant) {
        return createKey(tenant, "{\"name\":\"notes\",\"scopes\":[\"feature:" + NotesFeature.ID + "\"]}");
    }

    @Test
    void callWithoutCredentials_is401() {
        String tenant = tenantWithNotes("api-anon");

        assertRejectedWith(callAs(null, "GET", notes(tenant), null), 401, "unauthenticated");
    }

    @Test
    void keyWithoutTheFeatureScope_is403_whileKeysWithItOrFeatureStar_areServed() {
        String tenant = tenantWithNotes("api-scope");
        String readOnly = createKey(tenant, "{\"name\":\"read\",\"scopes\":[\"tenant:read\"]}");
        String allFeatures = createKey(tenant, "{\"name\":\"all\",\"scopes\":[\"feature:*\"]}");

        Response refused = callAs(readOnly, "GET", notes(tenant), null);

        assertRejectedWith(refused, 403, "insufficient-scope");
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("feature:test-notes");
        assertThat(callAs(featureKey(tenant), "GET", notes(tenant), null).status()).isEqualTo(200);
        assertThat(callAs(allFeatures, "GET", notes(tenant), null).status()).isEqualTo(200);
    }

    @Test
    void keyListing_showsTheFeatureScope() {
        String tenant = tenantWithNotes("api-keylist");
        featureKey(tenant);

        JsonNode key = get("/api/v1/tenants/" + tenant + "/keys").json().get(0);

        assertThat(key.get("features").toString()).isEqualTo("[\"test-notes\"]");
        assertThat(key.get("scopes").toString()).isEqualTo("[]");
    }

    @Test
    void keyGrantsOnlyFeatureScopesItHolds_andFeatureScopesMustNameAFeatureId() {
        String tenant = tenantWithNotes("api-grant");
        String key = createKey(tenant,
                "{\"name\":\"admin of notes\",\"scopes\":[\"admin\",\"feature:test-notes\"]}");
        String keys = "/api/v1/tenants/" + tenant + "/keys";

        Response granted = callAs(key, "POST", keys, "{\"name\":\"n\",\"scopes\":[\"feature:test-notes\"]}");
        Response other = callAs(key, "POST", keys, "{\"name\":\"o\",\"scopes\":[\"feature:otp\"]}");
        Response all = callAs(key, "POST", keys, "{\"name\":\"a\",\"scopes\":[\"feature:*\"]}");
        Response malformed = callAs(key, "POST", keys, "{\"name\":\"m\",\"scopes\":[\"feature:Not An Id\"]}");

        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("key").get("features").toString()).isEqualTo("[\"test-notes\"]");
        assertRejectedWith(other, 403, "scope-escalation");
        assertThat(other.json().get("detail").asText())
                .isEqualTo("A key may only get scopes its creator holds; the caller lacks [feature:otp].");
        assertRejectedWith(all, 403, "scope-escalation");
        assertRejectedWith(malformed, 422, "invalid-request");
    }

    @Test
    void anotherTenantsKey_gets404_forTheFirstTenantsFeature() {
        String tenantA = tenantWithNotes("api-iso-a");
        String tenantB = tenantWithNotes("api-iso-b");

        Response response = callAs(featureKey(tenantB), "GET", notes(tenantA), null);

        assertRejectedWith(response, 404, "tenant-not-found");
    }

    @Test
    void signedInMember_readsTheFeature_butOnlyAnAdminWrites() {
        String tenant = tenantWithNotes("api-people");
        Browser member = browser().signedIn(person(tenant, tenant + "-m@example.com", "member", "member-pass-123456"),
                "member-pass-123456");
        Browser admin = browser().signedIn(person(tenant, tenant + "-a@example.com", "admin", "admin-pass-123456"),
                "admin-pass-123456");

        Response read = member.call("GET", notes(tenant), null);
        Response memberWrite = member.call("POST", notes(tenant), "{\"text\":\"hi\"}");
        Response adminWrite = admin.call("POST", notes(tenant), "{\"text\":\"hi\"}");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertRejectedWith(memberWrite, 403, "insufficient-role");
        assertThat(adminWrite.status()).as(adminWrite.body()).isEqualTo(201);
        assertThat(adminWrite.json().get("by").asText()).isEqualTo(tenant + "-a@example.com");
    }

    @Test
    void featureSwitchedOff_is403FeatureNotEnabled() {
        String tenant = tenantWithNotes("api-off");
        enableFeature(tenant, NotesFeature.ID, false);

        Response response = get(notes(tenant));

        assertRejectedWith(response, 403, "feature-not-enabled");
        assertThat(response.json().get("detail").asText())
                .isEqualTo("Feature 'test-notes' is not switched on for tenant '" + tenant + "'.");
    }

    @Test
    void featureOnButPlanWithoutIt_is403FeatureNotInPlan() {
        String tenant = tenantWithNotes("api-plan");
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"free\"}").status()).isEqualTo(200);

        Response response = get(notes(tenant));

        assertRejectedWith(response, 403, "feature-not-in-plan");
        assertThat(response.json().get("detail").asText())
                .isEqualTo("Feature 'test-notes' is not part of plan 'free'.");
    }

    @Test
    void unknownFeatureOrOperation_is404_andAnotherMethodOnAKnownPath_is405() {
        String tenant = tenantWithNotes("api-404");

        assertRejectedWith(get("/api/v1/tenants/" + tenant + "/features/no-such/notes"), 404, "feature-not-found");
        assertRejectedWith(get("/api/v1/tenants/" + tenant + "/features/packing-list/x"), 404, "feature-not-found");
        assertRejectedWith(get(notes(tenant) + "/1/more"), 404, "operation-not-found");
        assertRejectedWith(call("PUT", notes(tenant), "{}"), 405, "method-not-allowed");
    }

    @Test
    void callsBeyondTheFeaturesRateLimit_are429_withRetryAfter() {
        String tenant = tenantWithNotes("api-limit");
        int served = 0;
        Response limited = null;
        // the bucket refills greedily (one call every 60/limit s), so a slow machine may be served a few more
        while (limited == null && served < 2 * CALLS_PER_MINUTE) {
            Response response = get(notes(tenant));
            if (response.status() == 200) {
                served++;
            } else {
                limited = response;
            }
        }

        assertThat(served).isGreaterThanOrEqualTo(CALLS_PER_MINUTE).isLessThan(2 * CALLS_PER_MINUTE);
        assertRejectedWith(limited, 429, "rate-limited");
        assertThat(limited.headers().get("retry-after")).isNotEmpty();
        assertThat(limited.json().get("detail").asText()).startsWith("Feature 'test-notes' allows 30 API calls per"
                + " minute per tenant (wahub.features.api.calls-per-minute). Retry after ");
    }

    @Test
    void apiProblemFromTheHandler_isProblemJsonWithFieldErrors() {
        String tenant = tenantWithNotes("api-problem");

        Response invalid = post(notes(tenant), "{\"text\":\" \"}");
        Response missing = get(notes(tenant) + "/999999");

        assertRejectedWith(invalid, 422, "invalid-request");
        assertThat(invalid.json().get("title").asText()).isEqualTo("Invalid request");
        assertThat(invalid.json().get("detail").asText()).isEqualTo("Invalid request: text");
        assertThat(invalid.json().get("errors").toString()).isEqualTo("{\"text\":\"must not be blank\"}");
        assertRejectedWith(missing, 404, "not-found");
        assertThat(missing.json().get("detail").asText()).isEqualTo("Note 999999 was not found.");
    }

    @Test
    void bodyThatIsNotJson_is400() {
        String tenant = tenantWithNotes("api-json");

        assertRejectedWith(post(notes(tenant), "{not json"), 400, "invalid-json");
    }

    @Test
    void openApiDocument_listsTheFeaturesOperations() {
        JsonNode paths = get("/v3/api-docs").json().get("paths");

        JsonNode notes = paths.get("/api/v1/tenants/{tenant}/features/test-notes/notes");
        assertThat(notes.get("post").get("summary").asText())
                .isEqualTo("Writes a note, and sends it to 'to' when given");
        assertThat(notes.get("post").get("requestBody").get("content").get("application/json").get("schema")
                .get("properties").has("text")).isTrue();
        assertThat(notes.get("get").get("summary").asText())
                .isEqualTo("Lists the notes (a query without a tenant filter)");
        assertThat(paths.get("/api/v1/tenants/{tenant}/features/test-notes/notes/{id}").get("get")
                .get("parameters").findValuesAsText("name")).containsExactly("tenant", "id");
        assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.contains("**"));
    }

    @Test
    void featuresListing_showsThePanelPages_withTheCreateFormAsJsonSchema() {
        String tenant = tenantWithNotes("api-panel");

        JsonNode notes = get("/api/v1/tenants/" + tenant + "/features").json().findParents("id").stream()
                .filter(f -> f.get("id").asText().equals(NotesFeature.ID)).findFirst().orElseThrow();
        JsonNode page = notes.get("panel").get(0);

        assertThat(page.get("id").asText()).isEqualTo("notes");
        assertThat(page.get("list").toString()).isEqualTo("{\"path\":\"/notes\",\"columns\":["
                + "{\"field\":\"id\",\"label\":\"Id\",\"type\":\"number\"},"
                + "{\"field\":\"text\",\"label\":\"Text\",\"type\":\"text\"}],\"filters\":[]}");
        assertThat(page.get("detail").get("path").asText()).isEqualTo("/notes/{id}");
        assertThat(page.get("actions").toString()).isEqualTo("[{\"id\":\"delete\",\"label\":\"Delete\","
                + "\"method\":\"DELETE\",\"path\":\"/notes/{id}\",\"confirm\":true}]");
        assertThat(page.get("create").get("path").asText()).isEqualTo("/notes");
        assertThat(page.get("create").get("schema").get("properties").get("text").get("title").asText())
                .isEqualTo("Text");
        assertThat(page.get("create").get("schema").get("required").toString()).isEqualTo("[\"text\"]");
    }

    @Test
    void deleteOperation_answers204_andTheNoteIsGone() {
        String tenant = tenantWithNotes("api-delete");
        long id = post(notes(tenant), "{\"text\":\"gone soon\"}").json().get("id").asLong();

        Response deleted = call("DELETE", notes(tenant) + "/" + id, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertRejectedWith(get(notes(tenant) + "/" + id), 404, "not-found");
    }

    @Test
    void write_isAudited_withMethodPathAndStatus() {
        String tenant = tenantWithNotes("api-audit");
        String key = featureKey(tenant);

        assertThat(callAs(key, "POST", notes(tenant), "{\"text\":\"audited\"}").status()).isEqualTo(201);
        assertThat(callAs(key, "GET", notes(tenant), null).status()).isEqualTo(200);

        JsonNode entries = get("/api/v1/tenants/" + tenant + "/audit").json();
        JsonNode calls = entries.findParents("action").stream()
                .filter(e -> e.get("action").asText().equals("feature.api.call")).reduce((a, b) -> a).orElseThrow();
        assertThat(entries.findValuesAsText("action").stream().filter("feature.api.call"::equals)).hasSize(1);
        assertThat(calls.get("target").asText()).isEqualTo("test-notes");
        assertThat(calls.get("actor").asText()).startsWith("key:whk_live_");
        assertThat(calls.get("detail").get("method").asText()).isEqualTo("POST");
        assertThat(calls.get("detail").get("path").asText()).isEqualTo("/notes");
        assertThat(calls.get("detail").get("status").asInt()).isEqualTo(201);
    }

    @Test
    void writesStoreTransactions_commitWithoutWaitingForTheDisk_readsSynchronously_andTheWriteIsAuditedAfter() {
        String tenant = tenantWithNotes("api-durability");

        Response written = post(notes(tenant), "{\"text\":\"flushed by the audit entry\"}");
        Response read = get(notes(tenant) + "/" + written.json().get("id").asLong());

        assertThat(written.json().get("synchronousCommit").asText()).isEqualTo("off");
        assertThat(read.json().get("synchronousCommit").asText()).isEqualTo("on");
        // The write's synchronous commit, which flushes the deferred ones before the caller is answered:
        assertThat(get("/api/v1/tenants/" + tenant + "/audit").json().findValuesAsText("action"))
                .contains("feature.api.call");
    }

    @Test
    void messageSentByAnOperation_isStoredAndDelivered() {
        String tenant = tenantWithNotes("api-send");
        customerWroteIn(tenant, "+4915112345678"); // a text goes only inside the customer-service window

        Response written = post(notes(tenant), "{\"text\":\"Your code is 123456\",\"to\":\"+4915112345678\"}");

        assertThat(written.status()).as(written.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode messages = get("/api/v1/tenants/" + tenant + "/messages").json();
            assertThat(messages.findValuesAsText("status")).containsExactly("sent");
            assertThat(messages.findValuesAsText("text")).containsExactly("Your code is 123456");
            assertThat(messages.findValuesAsText("to")).containsExactly("+4915112345678");
        });
    }

    @Test
    void tenantsSeeOnlyTheirOwnRows_evenThroughAQueryWithoutTenantFilter() {
        String tenantA = tenantWithNotes("state-a");
        String tenantB = tenantWithNotes("state-b");
        long aFirst = post(notes(tenantA), "{\"text\":\"a1\"}").json().get("id").asLong();
        post(notes(tenantA), "{\"text\":\"a2\"}");
        post(notes(tenantB), "{\"text\":\"b1\"}");

        JsonNode seenByB = get(notes(tenantB)).json();
        Response aNoteThroughB = get(notes(tenantB) + "/" + aFirst);

        assertThat(seenByB.findValuesAsText("text")).containsExactly("b1");
        assertRejectedWith(aNoteThroughB, 404, "not-found");
        assertThat(get(notes(tenantA)).json().findValuesAsText("text")).containsExactly("a1", "a2");
        assertThat(get(notes(tenantA) + "/" + aFirst).json().get("text").asText()).isEqualTo("a1");
    }

    @Test
    void rowsSurviveSwitchingTheFeatureOffAndOn() {
        String tenant = tenantWithNotes("state-off-on");
        post(notes(tenant), "{\"text\":\"kept\"}");

        enableFeature(tenant, NotesFeature.ID, false);
        enableFeature(tenant, NotesFeature.ID, true);

        assertThat(get(notes(tenant)).json().findValuesAsText("text")).containsExactly("kept");
    }

    @Test
    void featureStore_cannotReadTheHubsTables() {
        String tenant = tenantWithNotes("state-hub");

        JsonNode tenants = get("/api/v1/tenants/" + tenant + "/features/test-notes/peek/tenant").json();
        JsonNode keys = get("/api/v1/tenants/" + tenant + "/features/test-notes/peek/api_key").json();

        assertThat(tenants.has("rows")).isFalse();
        assertThat(tenants.get("error").asText()).isEqualTo("ERROR: permission denied for table tenant");
        assertThat(keys.get("error").asText()).isEqualTo("ERROR: permission denied for table api_key");
    }
}
