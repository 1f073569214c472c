package io.wahub.hub;

import io.wahub.sdk.Hmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signed Shopify orders/create webhooks posted back to back over {@code connections} connections until stopped, or
 * until the hub stops answering. Order {@code n} is {@code #C<n>} (Shopify id {@code 900000000000 + n}, event id
 * {@code crash-<n>}) of shop {@code <tenantPrefix><n mod tenants>}, so each webhook is a distinct order and its
 * packing list names it.
 */
final class ShopifyOrderLoad {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String template;
    private final int port;
    private final String tenantPrefix;
    private final int tenants;
    private final String secret;
    private final AtomicInteger next;
    private final int end;
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> refused = new AtomicReference<>();
    private final AtomicInteger cutOff = new AtomicInteger();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean hubDying;

    /** Orders {@code [first, first + max)} at most. */
    ShopifyOrderLoad(String template, int port, String tenantPrefix, int tenants, String secret, int first,
                     int max) {
        this.template = template;
        this.port = port;
        this.tenantPrefix = tenantPrefix;
        this.tenants = tenants;
        this.secret = secret;
        this.next = new AtomicInteger(first);
        this.end = first + max;
    }

    void start(int connections) {
        for (int c = 0; c < connections; c++) {
            senders.add(Thread.ofVirtual().start(this::postOrders));
        }
    }

    /** The hub is about to be killed: failed requests from now on are expected (each ends its sender). */
    void hubDying() {
        hubDying = true;
    }

    /** Stops posting and waits for the senders. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread sender : senders) {
            sender.join();
        }
    }

    /** Orders the hub answered with 202. */
    Set<Integer> acknowledged() {
        return acknowledged;
    }

    /** The first answer other than 202, or request failure, before {@link #hubDying}; null if none. */
    String refused() {
        return refused.get();
    }

    /** Requests that failed after {@link #hubDying}: webhooks being received when the hub died, or posted after. */
    int cutOff() {
        return cutOff.get();
    }

    /** Orders posted (acknowledged or not): {@code [first, end())}. */
    int end() {
        return Math.min(next.get(), end);
    }

    private void postOrders() {
        int n;
        while (!stopping && (n = next.getAndIncrement()) < end) {
            try {
                HttpResponse<Void> response = http.send(request(n), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 202) {
                    acknowledged.add(n);
                } else {
                    refused.compareAndSet(null, "order " + n + ": HTTP " + response.statusCode());
                }
            } catch (IOException hubGone) {
                if (hubDying) {
                    cutOff.incrementAndGet();
                } else {
                    refused.compareAndSet(null, "order " + n + ": " + hubGone);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpRequest request(int n) {
        String tenant = tenantPrefix + (n % tenants);
        byte[] body = template.replace("\"#1001\"", "\"#C" + n + "\"")
                .replace("0151 12345678", "0151 " + (20_000_000 + n)) // a customer each: pacing is per recipient
                .replace("820982911946154508", Long.toString(900_000_000_000L + n))
                .getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + tenant + "/shopify"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", tenant + ".myshopify.com")
                .header("X-Shopify-Event-Id", "crash-" + n)
                .header("X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.sha256(secret, body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
