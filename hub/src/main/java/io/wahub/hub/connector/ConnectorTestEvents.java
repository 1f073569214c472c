package io.wahub.hub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import io.wahub.sdk.SampleWebhook;
import io.wahub.sdk.WebhookConnector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Send test event": the connector signs a harmless sample with the tenant's settings
 * ({@link WebhookConnector#sampleWebhook}) and the hub posts it to the tenant's own webhook URL on this node, so it
 * takes exactly the path a vendor's webhook takes (body limits, signature check, store, acknowledgement, the webhook
 * log). The answer is what the vendor would have been answered. No transaction is open around the call.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/connectors/{connector}/test-event")
public class ConnectorTestEvents {

    /** Headers the HTTP client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

    /**
     * @param status  the HTTP status the webhook URL answered
     * @param outcome {@code accepted}, {@code duplicate}, {@code ignored}, or {@code refused}
     * @param reason  the answer's reason or problem detail, when it gave one
     */
    public record TestResult(int status, String outcome, String reason, JsonNode answer) {
    }

    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final Tenants tenants;
    private final AuditLog audit;
    private final WebServerApplicationContext server;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectorTestEvents(ExtensionRegistry extensions, HubContexts contexts, Tenants tenants, AuditLog audit,
                               WebServerApplicationContext server, ObjectMapper mapper) {
        this.extensions = extensions;
        this.contexts = contexts;
        this.tenants = tenants;
        this.audit = audit;
        this.server = server;
        this.mapper = mapper;
    }

    /** 404 for a connector that takes no webhooks, 409 when it cannot sign a sample (not set up, or no support). */
    @PostMapping
    @TenantScoped(Scope.TENANT_WRITE)
    public TestResult send(@PathVariable String tenant, @PathVariable String connector) {
        tenants.require(tenant);
        WebhookConnector webhooks = extensions.webhookConnector(connector).orElseThrow(() -> new ProblemException(
                404, "connector-not-found", "Connector not found",
                "No connector with id '" + connector + "' takes webhooks."));
        SampleWebhook sample = webhooks.sampleWebhook(contexts.forExtension(tenant, webhooks))
                .orElseThrow(() -> new ProblemException(409, "no-test-event", "No test event",
                        webhooks.displayName() + " cannot sign a test event for this tenant: save its settings"
                                + " first, or send a real event from " + webhooks.displayName() + "."));
        TestResult result = post(tenant, connector, sample);
        audit.record(tenant, "connector.test-event", connector, Map.of("status", result.status()));
        return result;
    }

    private TestResult post(String tenant, String connector, SampleWebhook sample) {
        URI url = URI.create("http://127.0.0.1:" + server.getWebServer().getPort() + "/webhooks/"
                + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(connector, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample.body()));
        sample.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = response.body().length == 0 ? mapper.nullNode() : mapper.readTree(response.body());
            boolean refused = response.statusCode() >= 300;
            String outcome = refused ? "refused" : answer.path("status").asText("accepted");
            String reason = refused ? answer.path("detail").asText(null) : answer.path("reason").asText(null);
            return new TestResult(response.statusCode(), outcome, reason, answer);
        } catch (IOException e) {
            throw new ProblemException(502, "test-event-failed", "Test event failed",
                    "The hub could not post the test event to its own webhook URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "test-event-interrupted", "Test event interrupted",
                    "The hub was stopping while it posted the test event.");
        }
    }
}
