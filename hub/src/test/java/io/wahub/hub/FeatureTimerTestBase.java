package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.hub.testplugin.TestPluginJar;
import io.wahub.hub.testplugin.TimerCommandsFeature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the timer tests: a hub with the tests' timer plugin ({@link TimerCommandsFeature}, driven by inbound
 * WhatsApp texts through the Evolution gateway's webhook), quick timer ticks of small batches, three attempts per
 * event, on a database of its own (other test classes' hubs, lacking the plugin, would otherwise take its timers'
 * events).
 * Subclasses share this hub.
 */
abstract class FeatureTimerTestBase extends HubIntegrationTest {

    static final String EVOLUTION_KEY = "B6D711FCDE4D4FD5936544120E713976";
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.nanoTime());

    @DynamicPropertySource
    static void timersPlugin(DynamicPropertyRegistry registry) {
        registry.add("wahub.plugins.dir", () -> TestPluginJar.timersPluginDir().toString());
        registry.add("wahub.timers.period", () -> "100ms");
        registry.add("wahub.timers.batch-size", () -> "25");
        registry.add("wahub.dispatch.max-attempts", () -> "3");
        registry.add("wahub.test.database-url", () -> "embedded");
        registry.add("spring.datasource.url", () -> "embedded");
    }

    /** A Pro tenant (any feature) with the timer feature on and the Evolution connector to receive its commands. */
    String timerTenant(String prefix) {
        return timerTenant(port, prefix);
    }

    /** {@link #timerTenant(String)} on the hub listening on {@code hubPort}. */
    static String timerTenant(int hubPort, String prefix) {
        String tenant = uniqueTenantId(prefix);
        expect(hubPort, "POST", "/api/v1/tenants", "{\"id\":\"%s\",\"name\":\"Shop %s\"}".formatted(tenant, tenant),
                201);
        expect(hubPort, "PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"pro\"}", 200);
        expect(hubPort, "PUT", "/api/v1/tenants/" + tenant + "/connectors/evolution", """
                {"settings":{"baseUrl":"http://localhost:9","instance":"inst-%s","apiKey":"%s"}}"""
                .formatted(tenant, EVOLUTION_KEY), 200);
        expect(hubPort, "PUT", "/api/v1/tenants/" + tenant + "/features/" + TimerCommandsFeature.ID,
                "{\"enabled\":true}", 200);
        return tenant;
    }

    /** Sends the timer feature commands, as a customer's WhatsApp text through the tenant's Evolution webhook. */
    void command(String tenant, String text) {
        command(port, tenant, text);
    }

    static void command(int hubPort, String tenant, String text) {
        String body = """
                {"event":"messages.upsert","instance":"inst-%s","data":{"key":{"remoteJid":"4915112345678@s.whatsapp.net",
                 "fromMe":false,"id":"CMD%d"},"pushName":"Jon","message":{"conversation":"%s"},
                 "messageType":"conversation","messageTimestamp":1779609590},"apikey":"%s"}"""
                .formatted(tenant, MESSAGE_IDS.incrementAndGet(), text.replace("\"", "\\\""), EVOLUTION_KEY);
        Response ack = send(HttpRequest.newBuilder(URI.create("http://localhost:" + hubPort + "/webhooks/" + tenant
                        + "/evolution")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
    }

    /** The texts the timer feature sent for the tenant (one per {@code onTimer} call that succeeded), oldest first. */
    List<String> fired(String tenant) {
        return fired(port, tenant);
    }

    static List<String> fired(int hubPort, String tenant) {
        JsonNode messages = expect(hubPort, "GET", "/api/v1/tenants/" + tenant + "/messages?limit=500", null, 200);
        return StreamSupport.stream(messages.spliterator(), false).map(m -> m.get("text").asText())
                .toList().reversed();
    }

    /** The tenant's {@code timer.due} events, newest first. */
    List<JsonNode> timerEvents(String tenant) {
        return timerEvents(port, tenant);
    }

    static List<JsonNode> timerEvents(int hubPort, String tenant) {
        JsonNode events = expect(hubPort, "GET", "/api/v1/tenants/" + tenant + "/events?limit=500", null, 200);
        return StreamSupport.stream(events.spliterator(), false)
                .filter(event -> event.get("type").asText().equals("timer.due")).toList();
    }

    /** Calls the hub on {@code hubPort} as the operator and asserts the status; returns the JSON answer. */
    static JsonNode expect(int hubPort, String method, String path, String json, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + hubPort + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + OPERATOR_KEY)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        Response response = send(request.build());
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : response.json();
    }
}
