package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means delivered, and a crash sends again only what was being sent. The packaged hub, on its
 * zero-setup default (embedded PostgreSQL in its data folder), receives signed Shopify orders at load
 * ({@value #CONNECTIONS} connections back to back: several hundred a second) while it dispatches them and sends
 * their packing lists to a fake WhatsApp API that answers after 5-40 ms, and every {@value #SLOW_EVERY}th request
 * after {@link #SLOW_ANSWER}, so messages are {@code sending} at every instant and a batch's sends return far apart.
 * It is killed with SIGKILL twice: first the hub alone (the next start stops its orphaned PostgreSQL), then the hub
 * and its PostgreSQL (postmaster and server processes), as a power cut would.
 *
 * <p>After each restart, every acknowledged order's message reaches the gateway, and a message reaches it twice only
 * within the named window: its send was in flight at the kill (the gateway had received it and not answered), or
 * answered and not yet recorded, which recording each outcome as its send returns (group commit) bounds to
 * answers of the last {@link #COMMIT_WINDOW} before the kill. The test prints, per kill, the duplicates and the
 * window as the gateway saw it. Messages left {@code sending} are taken again when their lease
 * ({@value #LEASE}) expires.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_crash_test_secret";
    private static final String KEYS = "--wahub.secrets.keys=it:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String OPERATOR_KEY = "whk_live_CrashTestOperatorKey0123456789abcdef";
    private static final String LEASE = "10s";
    private static final int TENANTS = 12;
    private static final int CONNECTIONS = 12;
    /** Orders per round at most: at most 2 × 200 messages per shop, within one page of the messages API. */
    private static final int MAX_ORDERS = 200 * TENANTS;
    private static final int SLOW_EVERY = 50;
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(4);
    /** How long before the kill an answer the hub had not recorded may have come: the commit in progress. */
    private static final Duration COMMIT_WINDOW = Duration.ofMillis(1500);
    private static final Pattern ORDER = Pattern.compile("#C(\\d+)");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HubProcess> hubs = new ArrayList<>();
    private FakeWhatsAppApi whatsApp;
    private Path data;
    private int port;

    /**
     * One kill: the orders posted, those acknowledged, when the kill began (a nanoTime), and the gateway's requests
     * meanwhile: numbers {@code (sendsBefore, sendsBeforeRestart]}.
     */
    private record Kill(String what, int firstOrder, int endOrder, Set<Integer> acknowledged, double perSecond,
                        int webhooksCutOff, long killedAt, int sendsBefore, int sendsBeforeRestart) {

        boolean beforeRestart(FakeWhatsAppApi.Send send) {
            return send.number <= sendsBeforeRestart;
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (HubProcess hub : hubs) {
            hub.close();
        }
        if (whatsApp != null) {
            whatsApp.close();
        }
    }

    @Test
    void killedAtLoad_hubThenHubAndPostgres_everyAcknowledgedOrderDelivered_twiceOnlyIfInFlightAtTheKill()
            throws Exception {
        whatsApp = new FakeWhatsAppApi(send -> Thread.sleep(send.number % SLOW_EVERY == 0 ? SLOW_ANSWER.toMillis()
                : 5 + (send.number * 7919L) % 36));
        data = Files.createDirectories(work.resolve("data"));
        port = freePort();
        HubProcess hub = start();
        configureShops();

        Kill hubOnly = loadAndKill(hub, "hub killed (SIGKILL), its PostgreSQL left running", 0, false);
        hub = start();
        assertThat(hub.output()).contains("Stopping orphaned embedded PostgreSQL");
        assertDeliveredOnce(hubOnly);

        Kill hubAndPostgres = loadAndKill(hub, "hub and PostgreSQL killed (SIGKILL)", hubOnly.endOrder(), true);
        start();
        assertDeliveredOnce(hubAndPostgres);
    }

    private HubProcess start() throws Exception {
        long startedAt = System.nanoTime();
        // the fake WhatsApp API is on http://localhost: allowed explicitly (the outbound guard refuses it by default)
        HubProcess hub = HubProcess.start(data, port, Map.of(), KEYS, "--wahub.operator.api-key=" + OPERATOR_KEY,
                "--wahub.delivery.lease=" + LEASE, "--wahub.dispatch.lease=" + LEASE,
                "--wahub.features.call-timeout=5s", "--wahub.recovery.period-ms=200",
                "--wahub.outbound.allowed-hosts=localhost", "--wahub.outbound.http-hosts=localhost");
        hubs.add(hub);
        System.out.printf("CrashRecoveryIT: hub ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
        return hub;
    }

    /** Posts orders from {@code firstOrder} on; kills the hub (and PostgreSQL) once messages are being sent. */
    private Kill loadAndKill(HubProcess hub, String what, int firstOrder, boolean alsoPostgres) throws Exception {
        String template = Files.readString(Path.of(getClass().getResource("/shopify/orders-create.json").toURI()));
        ShopifyOrderLoad load = new ShopifyOrderLoad(template, port, "crash-", TENANTS, SECRET, firstOrder,
                MAX_ORDERS);
        int sendsBefore = whatsApp.sends().size();
        long startedAt = System.nanoTime();
        load.start(CONNECTIONS);
        await().atMost(Duration.ofSeconds(90)).until(() -> load.acknowledged().size() >= 400
                && whatsApp.sends().size() - sendsBefore >= 200 && whatsApp.unanswered() > 0);
        load.hubDying();
        long killedAt = System.nanoTime();
        hub.kill();
        double perSecond = load.acknowledged().size() / ((killedAt - startedAt) / 1e9);
        if (alsoPostgres) {
            HubProcess.killEmbeddedPostgres(data);
        }
        load.stop();
        assertThat(load.refused()).as("every webhook before the kill acknowledged").isNull();
        assertThat(load.end()).as("the load was still running at the kill").isLessThan(firstOrder + MAX_ORDERS);
        return new Kill(what, firstOrder, load.end(), Set.copyOf(load.acknowledged()), perSecond, load.cutOff(),
                killedAt, sendsBefore, whatsApp.sends().size());
    }

    /**
     * After the restart: every acknowledged order's message reaches the gateway and every message is sent; an order
     * sent twice was in the window at the kill. Prints the figures.
     */
    private void assertDeliveredOnce(Kill kill) throws Exception {
        long restartedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(sendsByOrder(kill).keySet()).containsAll(kill.acknowledged());
            assertThat(unsentMessages()).isZero();
        });
        System.out.printf("CrashRecoveryIT: everything delivered %.1f s after the hub was ready again%n",
                (System.nanoTime() - restartedAt) / 1e9);
        Map<Integer, List<FakeWhatsAppApi.Send>> sends = sendsByOrder(kill);
        long inFlight = 0;
        long answeredInWindow = 0;
        long sentBefore = 0;
        for (FakeWhatsAppApi.Send send : whatsApp.sends()) {
            if (send.number <= kill.sendsBefore() || !kill.beforeRestart(send)) {
                continue;
            }
            if (!send.answeredBefore(kill.killedAt())) {
                inFlight++;
            } else if (kill.killedAt() - send.answeredAt() <= COMMIT_WINDOW.toNanos()) {
                answeredInWindow++;
            }
            sentBefore++;
        }
        int duplicates = 0;
        int duplicatesInFlight = 0;
        long oldestUnrecordedNanos = 0;
        List<String> outsideTheWindow = new ArrayList<>();
        for (var order : sends.entrySet()) {
            List<FakeWhatsAppApi.Send> orderSends = order.getValue();
            if (orderSends.size() < 2) {
                continue;
            }
            duplicates += orderSends.size() - 1;
            FakeWhatsAppApi.Send first = orderSends.getFirst();
            boolean sentAgainOnlyAfterTheKill = orderSends.size() == 2 && kill.beforeRestart(first)
                    && !kill.beforeRestart(orderSends.get(1));
            if (sentAgainOnlyAfterTheKill && !first.answeredBefore(kill.killedAt())) {
                duplicatesInFlight++;
            } else if (sentAgainOnlyAfterTheKill
                    && kill.killedAt() - first.answeredAt() <= COMMIT_WINDOW.toNanos()) {
                oldestUnrecordedNanos = Math.max(oldestUnrecordedNanos, kill.killedAt() - first.answeredAt());
            } else {
                outsideTheWindow.add("#C" + order.getKey() + ": " + describe(orderSends, kill));
            }
        }
        int unrecorded = duplicates - duplicatesInFlight;
        System.out.printf("""
                CrashRecoveryIT — %s:
                  webhooks acknowledged before the kill: %d (%.0f/s over %d connections), cut off by it: %d; \
                messages sent before it: %d
                  sends in flight at the kill, as the gateway saw them: %d received and not answered, \
                %d answered in the last %d ms
                  duplicates after the restart: %d (%d in flight at the kill, %d answered but not recorded%s)
                """, kill.what(), kill.acknowledged().size(), kill.perSecond(), CONNECTIONS, kill.webhooksCutOff(),
                sentBefore, inFlight, answeredInWindow, COMMIT_WINDOW.toMillis(), duplicates, duplicatesInFlight,
                unrecorded, unrecorded == 0 ? "" : ", the oldest answered %.1f ms before the kill"
                        .formatted(oldestUnrecordedNanos / 1e6));
        assertThat(inFlight).as("messages were being sent at the kill").isPositive();
        assertThat(outsideTheWindow).as("orders sent twice that were neither in flight at the kill nor answered"
                + " within " + COMMIT_WINDOW.toMillis() + " ms before it").isEmpty();
        assertThat((long) duplicates).isLessThanOrEqualTo(inFlight + answeredInWindow);
    }

    /** The gateway's requests per order of the kill's range, in arrival order. */
    private Map<Integer, List<FakeWhatsAppApi.Send>> sendsByOrder(Kill kill) {
        Map<Integer, List<FakeWhatsAppApi.Send>> byOrder = new HashMap<>();
        for (FakeWhatsAppApi.Send send : whatsApp.sends()) {
            Matcher order = ORDER.matcher(send.body);
            if (order.find()) {
                int n = Integer.parseInt(order.group(1));
                if (n >= kill.firstOrder() && n < kill.endOrder()) {
                    byOrder.computeIfAbsent(n, k -> new ArrayList<>()).add(send);
                }
            }
        }
        byOrder.values().forEach(sends -> sends.sort(Comparator.comparingInt(send -> send.number)));
        return byOrder;
    }

    private static String describe(List<FakeWhatsAppApi.Send> sends, Kill kill) {
        return sends.stream().map(send -> "request " + send.number + (!kill.beforeRestart(send)
                ? " after the restart" : send.answeredBefore(kill.killedAt())
                ? " answered " + (kill.killedAt() - send.answeredAt()) / 1_000_000 + " ms before the kill"
                : " in flight at the kill")).toList().toString();
    }

    /** Messages of every shop not (yet) sent: queued, sending, or dead. */
    private long unsentMessages() throws Exception {
        long unsent = 0;
        for (int t = 0; t < TENANTS; t++) {
            JsonNode messages = api("GET", "/api/v1/tenants/crash-" + t + "/messages?limit=500", null);
            assertThat(messages.size()).as("one page holds every message of a shop").isLessThan(500);
            for (JsonNode message : messages) {
                if (!message.get("status").asText().equals("sent")) {
                    unsent++;
                }
            }
        }
        return unsent;
    }

    private void configureShops() throws Exception {
        for (int t = 0; t < TENANTS; t++) {
            String tenant = "crash-" + t;
            api("POST", "/api/v1/tenants", """
                    {"id":"%s","name":"Crash Shop %d","plan":"enterprise"}""".formatted(tenant, t));
            api("PUT", "/api/v1/tenants/" + tenant + "/connectors/shopify", """
                    {"settings":{"webhookSecret":"%s","shopDomain":"%s.myshopify.com","defaultCountry":"DE"}}"""
                    .formatted(SECRET, tenant));
            api("PUT", "/api/v1/tenants/" + tenant + "/connectors/whatsapp-cloud", """
                    {"settings":{"phoneNumberId":"55500011%d","accessToken":"EAAG-crash","baseUrl":"%s",
                     "messagesPerSecond":1000}}""".formatted(t, whatsApp.baseUrl()));
            // enabled on the sandbox, where the packing list's shipped template is approved at once
            api("PUT", "/api/v1/tenants/" + tenant + "/features/packing-list", "{\"enabled\":true}");
            api("PATCH", "/api/v1/tenants/" + tenant, "{\"channel\":\"whatsapp-cloud\"}");
        }
    }

    private JsonNode api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
