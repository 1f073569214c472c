package io.wahub.bench;

import io.wahub.sdk.Hmac;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The performance benchmark's webhooks: one signed Shopify {@code orders/create} of 3.3 KB
 * ({@code /bench/shopify-order-3k.json}, the same for every system measured), made distinct per sequence number
 * {@code n}: order {@code #B<n>} of tenant {@code bench-<n mod 20>}, event id {@code bench-<n>}, a customer phone
 * number of its own (sending is paced per recipient). Whatever the system does with it, a message that reaches the
 * Cloud API stub names the order, which is how the stub ties it back to the webhook.
 */
final class ShopifyWebhooks {

    static final int TENANTS = 20;
    static final String SECRET = "shpss_bench_secret";

    private final String template;

    ShopifyWebhooks() {
        try (InputStream in = ShopifyWebhooks.class.getResourceAsStream("/bench/shopify-order-3k.json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tenant(int n) {
        return "bench-" + (n % TENANTS);
    }

    byte[] body(int n) {
        return template.replace("\"#1001\"", "\"#B" + n + "\"")
                .replace("0151 12345678", "0151 " + (20_000_000 + n))
                .replace("820982911946154508", Long.toString(900_000_000_000L + n))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Webhook {@code n} as the bytes of a whole HTTP request, signed as Shopify signs it. */
    byte[] request(RawHttp http, int n) {
        String tenant = tenant(n);
        byte[] body = body(n);
        return http.post("/webhooks/" + tenant + "/shopify", body, "Content-Type: application/json",
                "X-Shopify-Topic: orders/create", "X-Shopify-Shop-Domain: " + tenant + ".myshopify.com",
                "X-Shopify-Event-Id: bench-" + n, "X-Shopify-Hmac-Sha256: " + Hmac.base64(Hmac.sha256(SECRET, body)));
    }
}
