package io.wahub.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the WhatsApp Cloud API: accepts every message at once and records when the message for
 * each benchmark order arrived (orders are numbered {@code #B<n>}, and the packing list names the order).
 */
final class FakeWhatsAppGateway implements AutoCloseable {

    private static final Pattern ORDER = Pattern.compile("#B(\\d+)");
    private static final byte[] ACCEPTED = "{\"messages\":[{\"id\":\"wamid.bench\"}]}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    final AtomicLongArray arrivals;
    /** Orders whose message has arrived (a message sent again for the same order is not counted twice). */
    final AtomicLong delivered = new AtomicLong();

    FakeWhatsAppGateway(int capacity) throws IOException {
        arrivals = new AtomicLongArray(capacity);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime();
            Matcher order = ORDER.matcher(body);
            if (order.find()) {
                int n = Integer.parseInt(order.group(1));
                if (n < arrivals.length() && arrivals.compareAndSet(n, 0, now)) {
                    delivered.incrementAndGet();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ACCEPTED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ACCEPTED);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
