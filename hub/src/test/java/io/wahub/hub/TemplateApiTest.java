package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The templates API: saving validates Meta's rules with each error at its field, the sandbox approves at once and
 * lets a status be set by hand while the Cloud API channel leaves the status to Meta, and one tenant never sees or
 * changes another's templates.
 */
class TemplateApiTest extends HubIntegrationTest {

    private static final String ORDER_UPDATE = """
            {"name":"order_update","language":"en_US","category":"UTILITY",
             "header":"Order {{order_number}}",
             "body":"Hi {{first_name}}, your order {{order_number}} is on its way.",
             "footer":"Acme Shop",
             "buttons":[{"type":"QUICK_REPLY","text":"Stop updates"},
                        {"type":"URL","text":"Track order","url":"https://shop.example/orders/{{order_id}}"}],
             "examples":{"order_number":"#1001","first_name":"Jon","order_id":"820982911946154508"}}""";

    @Test
    void createdOnTheCloudChannel_isPending_withItsVariablesInOrder() {
        String tenant = uniqueTenantId("tpl-api");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);

        Response created = post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode template = created.json();
        assertThat(created.headers().get("location")).containsExactly(
                "/api/v1/tenants/" + tenant + "/templates/" + template.get("id").asText());
        assertThat(template.get("status").asText()).isEqualTo("PENDING");
        assertThat(template.get("approved").asBoolean()).isFalse();
        assertThat(template.get("variables").toString()).isEqualTo("[\"order_number\",\"first_name\",\"order_id\"]");
        assertThat(template.get("body").asText()).isEqualTo("Hi {{first_name}}, your order {{order_number}} is on its way.");
        assertThat(get("/api/v1/tenants/" + tenant + "/templates/" + template.get("id").asText()).json())
                .isEqualTo(template);
    }

    @Test
    void onTheSandbox_aStatusSetByHand_isShownWithItsReason_andOnlyMetasStatusesAreAccepted() {
        String tenant = uniqueTenantId("tpl-sbx");
        createTenant(tenant);
        String id = post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE).json().get("id").asText();

        Response paused = put("/api/v1/tenants/" + tenant + "/templates/" + id + "/status",
                "{\"status\":\"PAUSED\",\"reason\":\"trying a pause\"}");

        assertThat(get("/api/v1/tenants/" + tenant + "/templates").json().get(0).get("approved").asBoolean())
                .isFalse();
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.json().get("statusReason").asText()).isEqualTo("trying a pause");
        expectProblem(put("/api/v1/tenants/" + tenant + "/templates/" + id + "/status", "{\"status\":\"GOOD\"}"),
                422, "invalid-template-status");
    }

    @Test
    void theFreshlyCreatedSandboxTemplate_isApproved() {
        String tenant = uniqueTenantId("tpl-sbx2");
        createTenant(tenant);

        JsonNode template = post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE).json();

        assertThat(template.get("status").asText()).isEqualTo("APPROVED");
        assertThat(template.get("approved").asBoolean()).isTrue();
    }

    @Test
    void settingTheStatusByHand_onTheCloudChannel_is409() {
        String tenant = uniqueTenantId("tpl-meta");
        createTenant(tenant);
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}").status())
                .isEqualTo(200);
        String id = post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE).json().get("id").asText();

        expectProblem(put("/api/v1/tenants/" + tenant + "/templates/" + id + "/status", "{\"status\":\"APPROVED\"}"),
                409, "template-status-from-meta");
    }

    @Test
    void invalidTemplate_is422_withEachErrorAtItsField() throws Exception {
        String tenant = uniqueTenantId("tpl-bad");
        createTenant(tenant);

        Response response = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"Order Update","language":"english","category":"UTILITY",
                 "header":"{{a}} and {{b}}",
                 "body":"Hi {{ First }}, order {{order_number}}",
                 "footer":"Thanks {{first_name}}",
                 "buttons":[{"type":"QUICK_REPLY","text":"This label is far too long for Meta"},
                            {"type":"URL","text":"Track","url":"https://shop.example/{{order_id}}/track"}],
                 "examples":{"a":"x","b":"y","unused":"z"}}""");

        expectProblem(response, 422, "invalid-template");
        assertThat(response.json().get("errors")).isEqualTo(JSON.readTree("""
                {"body":"malformed placeholder '{{ First }}': write variables as {{lowercase_name}}",
                 "buttons[0].text":"at most 25 characters",
                 "buttons[1].url":"an http(s) URL with at most one variable, at its end",
                 "examples.order_id":"an example is required for every variable",
                 "examples.order_number":"an example is required for every variable",
                 "examples.unused":"no variable {{unused}} in the template",
                 "footer":"no variables allowed",
                 "header":"at most one variable",
                 "language":"a language code such as en_US, es or pt_BR",
                 "name":"only lowercase letters, digits and underscores"}"""));
        assertThat(get("/api/v1/tenants/" + tenant + "/templates").json()).isEmpty();
    }

    @Test
    void tooManyButtons_andAnOverlongBody_areRefusedAtTheirFields() throws Exception {
        String tenant = uniqueTenantId("tpl-limits");
        createTenant(tenant);
        String button = "{\"type\":\"QUICK_REPLY\",\"text\":\"Yes\"},";

        Response response = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"too_much","language":"es","category":"MARKETING","body":"%s",
                 "buttons":[%s{"type":"QUICK_REPLY","text":"No"}]}""".formatted("a".repeat(1025),
                button.repeat(10)));

        expectProblem(response, 422, "invalid-template");
        assertThat(response.json().get("errors")).isEqualTo(JSON.readTree("""
                {"body":"at most 1024 characters","buttons":"at most 10 buttons"}"""));
    }

    @Test
    void authenticationTemplates_haveMetasFixedShape() throws Exception {
        String tenant = uniqueTenantId("tpl-auth");
        createTenant(tenant);

        Response refused = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"login_code","language":"en_US","category":"AUTHENTICATION",
                 "body":"Your code is {{code}}","authentication":{"codeExpirationMinutes":120},
                 "buttons":[{"type":"COPY_CODE"},{"type":"QUICK_REPLY","text":"No"}]}""");
        Response oneTap = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"login_code","language":"en_US","category":"AUTHENTICATION",
                 "buttons":[{"type":"ONE_TAP","text":"Autofill"}]}""");
        Response created = post("/api/v1/tenants/" + tenant + "/templates", """
                {"name":"login_code","language":"en_US","category":"AUTHENTICATION",
                 "authentication":{"addSecurityRecommendation":true,"codeExpirationMinutes":5},
                 "buttons":[{"type":"COPY_CODE","text":"Copy code"}]}""");

        expectProblem(refused, 422, "invalid-template");
        assertThat(refused.json().get("errors")).isEqualTo(JSON.readTree("""
                {"authentication.codeExpirationMinutes":"between 1 and 90",
                 "body":"AUTHENTICATION templates have Meta's fixed text; leave it out",
                 "buttons":"exactly one COPY_CODE or ONE_TAP button"}"""));
        assertThat(oneTap.json().get("errors")).isEqualTo(JSON.readTree("""
                {"buttons[0].packageName":"required for ONE_TAP","buttons[0].signatureHash":"required for ONE_TAP"}"""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("variables").toString()).isEqualTo("[\"code\"]");
    }

    @Test
    void theSameNameAndLanguageTwice_is409() {
        String tenant = uniqueTenantId("tpl-dup");
        createTenant(tenant);
        post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE);

        expectProblem(post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE), 409, "template-exists");
    }

    @Test
    void anotherTenantsKey_canNeitherSeeNorChangeNorDeleteTheTemplates_404() {
        String a = uniqueTenantId("tpl-a");
        String b = uniqueTenantId("tpl-b");
        createTenant(a);
        createTenant(b);
        JsonNode template = post("/api/v1/tenants/" + a + "/templates", ORDER_UPDATE).json();
        String id = template.get("id").asText();
        String bKey = adminKey(b);
        String changed = ORDER_UPDATE.replace("Acme Shop", "Stolen");

        assertThat(callAs(bKey, "GET", "/api/v1/tenants/" + b + "/templates", null).json()).isEmpty();
        expectProblem(callAs(bKey, "GET", "/api/v1/tenants/" + a + "/templates", null), 404, "tenant-not-found");
        expectProblem(callAs(bKey, "GET", "/api/v1/tenants/" + a + "/templates/" + id, null), 404,
                "tenant-not-found");
        expectProblem(callAs(bKey, "GET", "/api/v1/tenants/" + b + "/templates/" + id, null), 404,
                "template-not-found");
        expectProblem(callAs(bKey, "PUT", "/api/v1/tenants/" + b + "/templates/" + id, changed), 404,
                "template-not-found");
        expectProblem(callAs(bKey, "PUT", "/api/v1/tenants/" + b + "/templates/" + id + "/status",
                "{\"status\":\"REJECTED\"}"), 404, "template-not-found");
        expectProblem(callAs(bKey, "DELETE", "/api/v1/tenants/" + b + "/templates/" + id, null), 404,
                "template-not-found");
        expectProblem(callAs(bKey, "PUT", "/api/v1/tenants/" + a + "/templates/" + id, changed), 404,
                "tenant-not-found");
        assertThat(get("/api/v1/tenants/" + a + "/templates/" + id).json()).isEqualTo(template);
    }

    @Test
    void aReadOnlyKey_mayListButNotCreate_403() {
        String tenant = uniqueTenantId("tpl-ro");
        createTenant(tenant);
        String readOnly = createKey(tenant, "{\"name\":\"read\",\"scopes\":[\"tenant:read\"]}");

        assertThat(callAs(readOnly, "GET", "/api/v1/tenants/" + tenant + "/templates", null).status()).isEqualTo(200);
        expectProblem(callAs(readOnly, "POST", "/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE), 403,
                "insufficient-scope");
    }

    @Test
    void updateAndDelete_byTheOwner() {
        String tenant = uniqueTenantId("tpl-own");
        createTenant(tenant);
        String id = post("/api/v1/tenants/" + tenant + "/templates", ORDER_UPDATE).json().get("id").asText();

        Response updated = put("/api/v1/tenants/" + tenant + "/templates/" + id,
                ORDER_UPDATE.replace("Acme Shop", "Acme Shop · Berlin"));
        Response deleted = call("DELETE", "/api/v1/tenants/" + tenant + "/templates/" + id, null);

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("footer").asText()).isEqualTo("Acme Shop · Berlin");
        assertThat(deleted.status()).isEqualTo(204);
        expectProblem(get("/api/v1/tenants/" + tenant + "/templates/" + id), 404, "template-not-found");
    }

    @Test
    void theTemplatesApi_isInTheOpenApiDocument() {
        JsonNode paths = get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/api/v1/tenants/{tenant}/templates")).isTrue();
        assertThat(paths.has("/api/v1/tenants/{tenant}/templates/{id}/status")).isTrue();
    }
}
