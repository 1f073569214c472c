package io.wahub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The systems the performance benchmark compares, and how each is started as a process of its own. */
enum PerfSystem {

    /** The packaged hub, with {@code hub/jvm.options}; 20 tenants whose packing lists go to the Cloud API stub. */
    WAHUB("Wahub", true),
    /**
     * {@link BareWebhookServer}: HMAC + INSERT + 200. Started with the hub's JVM options (so that a ratio compares
     * code, not options), then {@code perf.bare-jvm-args}.
     */
    BARE("bare", false),
    /** {@link BareWebhookServer} with its {@link BareSender}: HMAC + INSERT + 200, then a message to the stub. */
    BARE_ASYNC("bare async", true);

    private static final String OPERATOR_KEY = "whk_live_BenchmarkOperatorKey0123456789abcdef";

    private final String label;
    private final boolean delivers;

    PerfSystem(String label, boolean delivers) {
        this.label = label;
        this.delivers = delivers;
    }

    String label() {
        return label;
    }

    /** Whether every acknowledged webhook ends as a message at the stub. */
    boolean delivers() {
        return delivers;
    }

    /**
     * Starts the system with its data under {@code data}, on the embedded PostgreSQL ({@code databaseUrl == null})
     * or the given database, sending to the stub at {@code stubUrl}; returns once it serves.
     */
    ForkedHub start(Path data, String databaseUrl, String stubUrl) throws Exception {
        if (this != WAHUB) {
            String jvm = System.getProperty("perf.bare-jvm-args", "").trim();
            return ForkedHub.startMain(data, jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")),
                    BareWebhookServer.class.getName(), List.of(
                    "--bare.db=" + (databaseUrl == null ? "embedded" : databaseUrl), "--bare.data-dir=" + data,
                    "--bare.async=" + (this == BARE_ASYNC), "--bare.stub-url=" + stubUrl));
        }
        List<String> arguments = new ArrayList<>(List.of("--wahub.data-dir=" + data,
                "--wahub.secrets.keys=bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--wahub.operator.api-key=" + OPERATOR_KEY,
                // the stub is on http://127.0.0.1: allowed explicitly (the default refuses it)
                "--wahub.outbound.allowed-hosts=127.0.0.1", "--wahub.outbound.http-hosts=127.0.0.1"));
        if (databaseUrl != null) {
            arguments.add("--spring.datasource.url=" + databaseUrl);
        }
        String extra = System.getProperty("bench.hub-args", "");
        if (!extra.isBlank()) {
            arguments.addAll(List.of(extra.trim().split("\\s+")));
        }
        ForkedHub hub = ForkedHub.start(data, arguments);
        try {
            for (int t = 0; t < ShopifyWebhooks.TENANTS; t++) {
                configureTenant(hub.port, "bench-" + t, stubUrl, "10000" + t);
            }
        } catch (Exception e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    private static void configureTenant(int port, String tenant, String stubUrl, String phoneNumberId)
            throws IOException, InterruptedException {
        api(port, "POST", "/api/v1/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant
                + "\",\"plan\":\"enterprise\"}");
        api(port, "PUT", "/api/v1/tenants/" + tenant + "/connectors/shopify", """
                {"settings":{"webhookSecret":"%s","shopDomain":"%s.myshopify.com","defaultCountry":"DE"}}"""
                .formatted(ShopifyWebhooks.SECRET, tenant));
        api(port, "PUT", "/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                {"settings":{"phoneNumberId":"%s","accessToken":"EAAG-bench","baseUrl":"%s"}}"""
                .formatted(phoneNumberId, stubUrl));
        // enabled on the sandbox, where the packing list's shipped template is approved at once
        api(port, "PUT", "/api/v1/tenants/" + tenant + "/features/packing-list", "{\"enabled\":true}");
        api(port, "PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");
    }

    private static void api(int port, String method, String path, String body)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + path)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + OPERATOR_KEY)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " "
                        + response.body());
            }
        }
    }
}
