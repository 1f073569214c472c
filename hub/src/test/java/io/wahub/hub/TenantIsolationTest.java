package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tenant B, holding a key with every scope, walks every tenant-scoped endpoint the application maps (read from
 * Spring MVC's handler mapping, so a new endpoint is walked without touching this test) with tenant A's path and
 * ids, and with its own path and A's ids. Every call must answer 404 and A's data must be unchanged.
 */
class TenantIsolationTest extends HubIntegrationTest {

    private static final String SECRET_A = "shpss_isolation_a";
    /** Collections whose path ids are rows belonging to one tenant. */
    private static final Set<String> ROW_COLLECTIONS = Set.of("messages", "keys", "members", "contacts",
            "imports", "templates");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    /** Whatever a write endpoint might accept: every field any of them reads, set to a hostile value. */
    private static final String HOSTILE_BODY = """
            {"name":"pwned","channel":"sandbox","status":"suspended","plan":"enterprise","enabled":false,
             "settings":{"webhookSecret":"pwned-secret","shopDomain":"evil.myshopify.com"},
             "scopes":["admin"],"email":"evil@example.com","role":"owner"}""";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String a;
    private String b;
    private String keyB;
    private Map<String, String> idsOfA;

    @BeforeEach
    void twoTenants() {
        a = uniqueTenantId("iso-a");
        b = uniqueTenantId("iso-b");
        createShop(a, SECRET_A, a + ".myshopify.com");
        createShop(b, "shpss_isolation_b", b + ".myshopify.com");
        // B's key walks every endpoint: more calls than the free plan's 60 a minute
        assertThat(call("PATCH", "/api/v1/tenants/" + b, "{\"plan\":\"enterprise\"}").status()).isEqualTo(200);
        enableFeature(a, "packing-list", true);
        postShopify(a, "orders/create", "iso-1", bytes(shopifyOrder()), SECRET_A, a + ".myshopify.com");
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/tenants/" + a + "/messages").json()
                .findValuesAsText("status").contains("sent"));
        String keyA = createKey(a, "{\"name\":\"a's key\"}");
        keyB = adminKey(b);
        Response invited = post("/api/v1/tenants/" + a + "/invitations",
                "{\"email\":\"member-" + a + "@example.com\",\"role\":\"admin\"}");
        assertThat(callAs(null, "POST", "/api/v1/invitations/accept", "{\"token\":\""
                + invited.json().get("token").asText() + "\",\"password\":\"member-of-a-1234\"}").status())
                .isEqualTo(200);
        Response template = post("/api/v1/tenants/" + a + "/templates", """
                {"name":"order_update","language":"en_US","category":"UTILITY","body":"Hi {{first_name}}",
                 "examples":{"first_name":"Jon"}}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        Response pending = post("/api/v1/tenants/" + a + "/invitations",
                "{\"email\":\"pending-" + a + "@example.com\",\"role\":\"member\"}");
        assertThat(pending.status()).as(pending.body()).isEqualTo(201);
        String invitationOfA = get("/api/v1/tenants/" + a + "/invitations").json().get(0).get("id").asText();
        idsOfA = Map.of(
                "invitations", invitationOfA,
                "templates", template.json().get("id").asText(),
                "messages", get("/api/v1/tenants/" + a + "/messages").json().get(0).get("id").asText(),
                "events", get("/api/v1/tenants/" + a + "/events").json().get(0).get("id").asText(),
                "keys", get("/api/v1/tenants/" + a + "/keys").json().get(0).get("id").asText(),
                "connectors", "shopify",
                "features", "packing-list",
                "members", get("/api/v1/tenants/" + a + "/members").json().get(0).get("userId").asText(),
                "contacts", get("/api/v1/tenants/" + a + "/contacts").json().at("/items/0/id").asText(),
                "imports", importOfA());
        idsOfA = new java.util.HashMap<>(idsOfA);
        idsOfA.put("consent", "marketing");
        assertThat(keyA).isNotBlank();
    }

    /** A contact import of tenant A (one row), by the operator. */
    private String importOfA() {
        Response started = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/tenants/" + a + "/contacts/imports"))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + OPERATOR_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("phone\n+4915100000077\n")).build());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/tenants/" + a + "/contacts/imports/" + id)
                .json().get("done").asBoolean());
        return id;
    }

    @Test
    void tenantBsKey_getsNotFoundOnEveryEndpointOfTenantA_andChangesNothing() {
        Map<String, String> before = snapshot(a);
        List<String> walked = new ArrayList<>();

        for (Endpoint endpoint : tenantScopedEndpoints()) {
            for (String path : List.of(endpoint.path(a), endpoint.path(b))) {
                if (path.equals(endpoint.path(b)) && !endpoint.usesRowIdOfA()) {
                    continue; // B's own tenant and no row of A's in the path: B's to use
                }
                Response response = callAs(keyB, endpoint.method(), path, endpoint.hasBody() ? HOSTILE_BODY : null);
                String call = endpoint.method() + " " + path;
                walked.add(call);
                assertThat(response.status()).as(call + " → " + response.body()).isEqualTo(404);
                assertThat(response.contentType()).as(call).startsWith("application/problem+json");
                assertThat(response.body()).as(call).doesNotContain(SECRET_A);
            }
        }

        assertThat(walked).as("endpoints walked").hasSizeGreaterThanOrEqualTo(20);
        assertThat(snapshot(a)).isEqualTo(before);
    }

    @Test
    void everyTenantScopedEndpoint_declaresItsScope() {
        // The interceptor refuses a handler without @TenantScoped (or @FeatureScoped: the feature API, which checks
        // each operation's scope itself) at run time; this finds one before it ships.
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (patterns(info).stream().anyMatch(p -> p.contains("{tenant}"))) {
                assertThat(method.hasMethodAnnotation(io.wahub.hub.security.TenantScoped.class)
                        || method.hasMethodAnnotation(io.wahub.hub.security.FeatureScoped.class))
                        .as(method.toString()).isTrue();
            }
        });
    }

    record Endpoint(String method, String pattern, List<String> variables, Map<String, String> idsOfA) {
        String path(String tenant) {
            Matcher matcher = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value;
                if (name.equals("tenant")) {
                    value = tenant;
                } else {
                    String collection = pattern.substring(0, matcher.start() - 1);
                    collection = collection.substring(collection.lastIndexOf('/') + 1);
                    value = idsOfA.get(collection);
                    assertThat(value).as("an id of tenant A for {" + name + "} in " + pattern
                            + ": add one to idsOfA").isNotNull();
                }
                matcher.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(path);
            return path.toString();
        }

        /** Whether the path names one of A's rows (not just a global name like a connector id). */
        boolean usesRowIdOfA() {
            return ROW_COLLECTIONS.stream().anyMatch(c -> pattern.contains("/" + c + "/{"));
        }

        boolean hasBody() {
            return Set.of("POST", "PUT", "PATCH").contains(method);
        }
    }

    private List<Endpoint> tenantScopedEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : patterns(info)) {
                if (!pattern.startsWith("/api/v1/tenants/{tenant}")) {
                    continue;
                }
                List<String> variables = new ArrayList<>();
                VARIABLE.matcher(pattern).results().forEach(r -> variables.add(r.group(1)));
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod httpMethod : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(httpMethod.name(), pattern, variables, idsOfA));
                }
            }
        });
        endpoints.sort(java.util.Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return endpoints;
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternValues();
    }

    /** Everything of tenant A the API shows, as the operator sees it. */
    private Map<String, String> snapshot(String tenant) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String part : List.of("", "/connectors", "/features", "/messages", "/events", "/keys", "/members",
                "/audit", "/messages/" + idsOfA.get("messages"), "/contacts", "/consent-keywords",
                "/contacts/imports/" + idsOfA.get("imports"), "/templates")) {
            Response response = get("/api/v1/tenants/" + tenant + part);
            assertThat(response.status()).as(part + " " + response.body()).isEqualTo(200);
            snapshot.put(part, response.body().replaceAll("\"lastUsedAt\":\"[^\"]*\",?", ""));
        }
        return snapshot;
    }
}
