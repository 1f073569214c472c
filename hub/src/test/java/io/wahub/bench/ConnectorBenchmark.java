package io.wahub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.testkit.FakeContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Signature verification + normalisation throughput of the webhook connectors, on one thread, through the real
 * plugin jars loaded by PF4J (as in the hub), with the vendors' sample payloads from the test resources.
 *
 * <p>Run after a build (see the hub's README section or the issue report):
 * {@code java -cp "hub/target/test-classes:hub/target/classes:$(cat hub/target/bench.classpath)" io.wahub.bench.ConnectorBenchmark}.
 * Target: at least 20,000 webhooks/s per connector on one core.
 */
public final class ConnectorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-24T08:14:03Z");
    private static final long WARM_UP_MS = 2_000;
    private static final long MEASURE_MS = 3_000;

    private ConnectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Files.createTempDirectory("wahub-bench-plugins");
        Path bundled = Path.of(args.length > 0 ? args[0] : "hub/target/classes/bundled-plugins");
        try (var jars = Files.list(bundled)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        PluginManager manager = new DefaultPluginManager(List.of(plugins));
        manager.setSystemVersion("1.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        Map<String, WebhookConnector> connectors = new LinkedHashMap<>();
        manager.getExtensions(WebhookConnector.class).forEach(c -> connectors.put(c.id(), c));

        System.out.printf("%-16s %12s%n", "connector", "webhooks/s");
        boolean allFast = true;
        for (Case c : cases(connectors)) {
            double rate = measure(c);
            allFast &= rate >= 20_000;
            System.out.printf("%-16s %,12.0f%n", c.name, rate);
        }
        manager.unloadPlugins();
        System.out.println(allFast ? "OK: every connector ≥ 20,000 webhooks/s" : "BELOW TARGET: < 20,000 webhooks/s");
    }

    private record Case(String name, WebhookConnector connector, FakeContext context, InboundWebhook webhook) {
    }

    private static double measure(Case c) throws Exception {
        run(c, WARM_UP_MS);
        return run(c, MEASURE_MS);
    }

    private static double run(Case c, long millis) throws Exception {
        long count = 0;
        long events = 0;
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                WebhookOutcome outcome = c.connector.receive(c.webhook, c.context);
                events += outcome.events().size();
            }
            count += 256;
            now = System.nanoTime();
        } while (now < end);
        if (events == 0) {
            throw new IllegalStateException(c.name + " emitted no events");
        }
        return count / ((now - start) / 1e9);
    }

    private static List<Case> cases(Map<String, WebhookConnector> connectors) throws IOException {
        byte[] shopify = resource("/shopify/orders-create.json");
        byte[] woo = resource("/woocommerce/order-processing.json");
        byte[] stripe = resource("/stripe/checkout-session-completed.json");
        byte[] whatsapp = resource("/whatsapp/inbound-text.json");
        long t = NOW.getEpochSecond();
        return List.of(
                new Case("shopify", connectors.get("shopify"),
                        context(connectors.get("shopify"), Map.of("webhookSecret", "s1",
                                "shopDomain", "my-shop.myshopify.com", "defaultCountry", "US")),
                        webhook("shopify", shopify, Map.of("x-shopify-hmac-sha256", Hmac.base64(Hmac.sha256("s1", shopify)),
                                "x-shopify-topic", "orders/create", "x-shopify-shop-domain", "my-shop.myshopify.com",
                                "x-shopify-event-id", "98880550-7158-44d4-b7cd-2c97c8a091b5",
                                "x-shopify-triggered-at", "2026-05-24T08:11:13Z"))),
                new Case("woocommerce", connectors.get("woocommerce"),
                        context(connectors.get("woocommerce"), Map.of("webhookSecret", "s2",
                                "storeUrl", "https://shop.example.com/", "defaultCountry", "DE")),
                        webhook("woocommerce", woo, Map.of("x-wc-webhook-signature", Hmac.base64(Hmac.sha256("s2", woo)),
                                "x-wc-webhook-topic", "order.updated", "x-wc-webhook-source", "https://shop.example.com/"))),
                new Case("stripe", connectors.get("stripe"),
                        context(connectors.get("stripe"), Map.of("webhookSecret", "whsec_s3")),
                        webhook("stripe", stripe, Map.of("stripe-signature", "t=" + t + ",v1=" + Hmac.hex(Hmac.sha256(
                                "whsec_s3", (t + "." + new String(stripe, StandardCharsets.UTF_8))
                                        .getBytes(StandardCharsets.UTF_8)))))),
                new Case("whatsapp-cloud", connectors.get("whatsapp-cloud"),
                        context(connectors.get("whatsapp-cloud"), Map.of("phoneNumberId", "106540352242922",
                                "accessToken", "t", "appSecret", "s4")),
                        webhook("whatsapp-cloud", whatsapp, Map.of("x-hub-signature-256",
                                "sha256=" + Hmac.hex(Hmac.sha256("s4", whatsapp))))));
    }

    private static FakeContext context(WebhookConnector connector, Map<String, String> settings) {
        Record record = JSON.convertValue(settings, connector.settingsType());
        return new FakeContext("t1", record, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static InboundWebhook webhook(String connector, byte[] body, Map<String, String> headers) {
        return new InboundWebhook("t1", connector, headers, Map.of(), body, NOW);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConnectorBenchmark.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
