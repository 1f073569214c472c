package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wahub.routes.WebhookBodyBudget;
import io.wahub.sdk.Hmac;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Webhook bodies against the real server, sent byte by byte over raw sockets: memory is taken only for bytes that
 * arrived, a budget of eight 8 KiB chunks bounds it, slow senders are cut off, and the budget always comes back.
 */
@TestPropertySource(properties = {
        "wahub.webhooks.in-flight-budget-bytes=65536",
        "wahub.webhooks.read-idle-timeout=1s",
        "wahub.webhooks.read-deadline=3s",
        "spring.datasource.hikari.maximum-pool-size=4"}) // a second application next to the shared one: few connections
@DirtiesContext // closed after this class, so it holds its connections no longer than it needs them
class WebhookBodyLimitsTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_body_limits_secret";
    private static final int CHUNK = 8192;

    @Autowired
    WebhookBodyBudget budget;

    private final List<Socket> sockets = new ArrayList<>();
    private String tenant;
    private String shopDomain;

    @BeforeEach
    void shop() {
        tenant = uniqueTenantId("body");
        shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.inUse() == 0 && budget.bodiesArriving() == 0);
    }

    @Test
    void wholeWebhook_isAccepted_andHoldsNoBudgetOnceItsRequestHasEnded() {
        Response ack = postShopify(tenant, "orders/create", "whole", order(), SECRET, shopDomain);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        // the answer reaches the client a moment before the request ends on the server
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.inUse() == 0);
    }

    @Test
    void bodyDeclaredAsOneMebibyteButNeverSent_reservesNothing_andIsAnswered408AfterTheIdleTimeout()
            throws IOException {
        Socket socket = open();
        long start = System.nanoTime();
        send(socket, head(1_048_576, Map.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> budget.bodiesArriving() == 1);
        assertThat(budget.inUse()).as("bytes reserved for a body of which nothing arrived").isZero();
        RawResponse response = RawResponse.read(socket);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"type\":\"https://wahub.dev/problems/request-timeout\","
                + "\"title\":\"Request timeout\",\"status\":408,"
                + "\"detail\":\"No bytes of the body arrived for 1 s; nothing was stored.\"}");
        assertThat(took).as("idle timeout of 1 s, well before the 3 s deadline")
                .isBetween(Duration.ofMillis(900), Duration.ofMillis(2900));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.bodiesArriving() == 0);
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).isEmpty();
    }

    @Test
    void senderTricklingAByteJustUnderTheIdleTimeout_isCutOffAtTheDeadline() throws Exception {
        Socket socket = open();
        long start = System.nanoTime();
        send(socket, head(1000, Map.of()));
        Thread trickle = trickle(socket, Duration.ofMillis(700));

        RawResponse response = RawResponse.read(socket);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        trickle.interrupt();

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.body()).isEqualTo("{\"type\":\"https://wahub.dev/problems/request-timeout\","
                + "\"title\":\"Request timeout\",\"status\":408,"
                + "\"detail\":\"The body did not arrive within 3 s; nothing was stored.\"}");
        assertThat(took).as("deadline of 3 s, though a byte came every 0.7 s")
                .isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.inUse() == 0 && budget.bodiesArriving() == 0);
    }

    @Test
    void webhookThatFindsTheBudgetTaken_isAnswered503AtOnceWithRetryAfter_andIsAcceptedOnceItIsFree()
            throws Exception {
        // Given eight bodies still arriving that hold a chunk each: the whole 64 KiB budget
        List<Thread> trickles = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket socket = open();
            send(socket, head(1000, Map.of()));
            trickles.add(trickle(socket, Duration.ofMillis(300)));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> budget.inUse() == 8L * CHUNK);

        // When a whole webhook comes in
        long start = System.nanoTime();
        Response busy = postShopify(tenant, "orders/create", "busy", order(), SECRET, shopDomain);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Then it is refused at once, and accepted once the eight give up
        assertRejectedWith(busy, 503, "webhook-intake-busy");
        assertThat(busy.headers().get("retry-after")).containsExactly("5");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        trickles.forEach(Thread::interrupt);
        closeSockets();
        sockets.clear();
        Response ack = postShopify(tenant, "orders/create", "after-busy", order(), SECRET, shopDomain);
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).hasSize(1);
    }

    @Test
    void senderThatGoesAwayMidBody_givesItsBudgetBack() throws IOException {
        Socket socket = open();
        send(socket, head(20_000, Map.of()));
        send(socket, new byte[10_000]);
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.inUse() == 2L * CHUNK);

        socket.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> budget.inUse() == 0 && budget.bodiesArriving() == 0);
    }

    @Test
    void signedBodyArrivingInPiecesWithinTheTimeouts_isAcceptedAndStored() throws Exception {
        byte[] body = order();
        Socket socket = open();

        send(socket, head(body.length, signed(body)));
        for (int[] piece : new int[][] {{0, 1000}, {1000, 4000}, {4000, body.length}}) {
            send(socket, Arrays.copyOfRange(body, piece[0], piece[1]));
            Thread.sleep(300);
        }
        RawResponse response = RawResponse.read(socket);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).startsWith("{\"status\":\"accepted\",\"events\":[");
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).hasSize(1);
    }

    @Test
    void signedChunkedBody_isAcceptedAndStored() throws Exception {
        byte[] body = order();
        Socket socket = open();
        Map<String, String> headers = new TreeMap<>(signed(body));
        headers.put("Transfer-Encoding", "chunked");

        send(socket, head(-1, headers));
        send(socket, chunk(Arrays.copyOfRange(body, 0, 2000)));
        Thread.sleep(300);
        send(socket, chunk(Arrays.copyOfRange(body, 2000, body.length)));
        send(socket, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawResponse response = RawResponse.read(socket);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).hasSize(1);
    }

    @Test
    void senderWaitingFor100Continue_getsTheGoAhead_andItsWebhookIsAccepted() throws IOException {
        byte[] body = order();
        Socket socket = open();
        Map<String, String> headers = new TreeMap<>(signed(body));
        headers.put("Expect", "100-continue");

        send(socket, head(body.length, headers));
        RawResponse interim = RawResponse.read(socket);
        send(socket, body);
        RawResponse response = RawResponse.read(socket);

        assertThat(interim.status()).isEqualTo(100);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private byte[] order() {
        return shopifyOrder(ThreadLocalRandom.current().nextLong(1L << 50)).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> signed(byte[] body) {
        return Map.of("Content-Type", "application/json", "X-Shopify-Topic", "orders/create",
                "X-Shopify-Shop-Domain", shopDomain, "X-Shopify-Event-Id", "raw-" + System.nanoTime(),
                "X-Shopify-Hmac-Sha256", Hmac.base64(Hmac.sha256(SECRET, body)));
    }

    /** Request line and headers of a POST to the tenant's Shopify URL; {@code length} -1: no Content-Length. */
    private byte[] head(long length, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("POST /webhooks/" + tenant + "/shopify HTTP/1.1\r\nHost: localhost:"
                + port + "\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = Arrays.copyOf(size, size.length + data.length + 2);
        System.arraycopy(data, 0, chunk, size.length, data.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Sends one byte every {@code every} until interrupted or the server closes the connection. */
    private static Thread trickle(Socket socket, Duration every) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    send(socket, new byte[] {' '});
                    Thread.sleep(every);
                }
            } catch (IOException | InterruptedException stopped) {
                // the server answered, or the test is done
            }
        });
    }
}
