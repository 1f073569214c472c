package io.wahub.hub;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the WhatsApp Cloud API's send endpoint that tests can hold up: it accepts every message, each with
 * a wamid of its own ({@code wamid.fake-<n>}, n counting requests from 1), after whatever the test's {@link Policy}
 * makes it wait (a delay, or a gate the test opens), and records when each request arrived and when its answer was
 * written. Unlike WireMock, a test can tell at any instant which requests are still unanswered.
 */
final class FakeWhatsAppApi implements AutoCloseable {

    /** What happens before request {@code send} is answered, e.g. a sleep; runs on the request's own thread. */
    @FunctionalInterface
    interface Policy {
        void beforeAnswer(Send send) throws InterruptedException;
    }

    /** One request: its number (from 1), body, arrival and answer time ({@link System#nanoTime()}; 0: not yet). */
    static final class Send {
        final int number;
        final String body;
        final long receivedAt;
        private volatile long answeredAt;

        private Send(int number, String body, long receivedAt) {
            this.number = number;
            this.body = body;
            this.receivedAt = receivedAt;
        }

        long answeredAt() {
            return answeredAt;
        }

        /** Answered before {@code instant} (a nanoTime): the sender had the answer by then, unless it died. */
        boolean answeredBefore(long instant) {
            long answered = answeredAt;
            return answered != 0 && answered < instant;
        }

        String wamid() {
            return "wamid.fake-" + number;
        }
    }

    private final HttpServer server;
    private final Policy policy;
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentLinkedQueue<Send> sends = new ConcurrentLinkedQueue<>();

    FakeWhatsAppApi(Policy policy) throws IOException {
        this.policy = policy;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")
                        || !exchange.getRequestURI().getPath().endsWith("/messages")) {
                    // not a send: the hub's proof of a phone number id (GET /{version}/{id}) finds no number here
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Send send = new Send(requests.incrementAndGet(), body, System.nanoTime());
                sends.add(send);
                try {
                    policy.beforeAnswer(send);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                byte[] answer = ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + send.wamid()
                        + "\"}]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
                send.answeredAt = System.nanoTime();
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Every send (POST …/messages) so far, in arrival order. */
    List<Send> sends() {
        return List.copyOf(sends);
    }

    /** Requests that arrived and are not answered yet. */
    long unanswered() {
        return sends.stream().filter(send -> send.answeredAt() == 0).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
