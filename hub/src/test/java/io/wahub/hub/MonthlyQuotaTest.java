package io.wahub.hub;

import static io.wahub.hub.ShopifyOrderToWhatsAppTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plan's monthly message quota is a billing limit: exact however many dispatch batches run at once. The tests
 * run with {@code wahub.dispatch.concurrency=2} and the webhooks arrive on {@value #SENDERS} connections at a time,
 * so that the orders near the limit are dispatched by concurrent batches (before the quota was a counter, 6 runs in
 * 10 of this test let 101 to 103 messages through).
 */
class MonthlyQuotaTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_quota_secret";
    private static final int ORDERS = 103;
    private static final int SENDERS = 16;

    @Autowired
    JdbcClient jdbc;

    @Test
    void freeTenantPosting103OrdersConcurrently_gets100MessagesSentAnd3Blocked() {
        String tenant = uniqueTenantId("quota");
        String shopDomain = tenant + ".myshopify.com";
        createShop(tenant, SECRET, shopDomain);
        enableFeature(tenant, "packing-list", true);
        String order = shopifyOrder();

        List<Future<Integer>> acks;
        try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            acks = IntStream.range(0, ORDERS).mapToObj(i -> senders.submit(() ->
                    postShopify(tenant, "orders/create", "quota-" + i, bytes(order.replace(
                            "\"id\": 820982911946154508", "\"id\": " + (820982911946100000L + i))), SECRET,
                            shopDomain).status())).toList();
        }

        assertThat(acks).extracting(Future::resultNow).containsOnly(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(doneEvents(tenant)).isEqualTo(ORDERS);
            assertThat(statusCounts(tenant)).as("messages by status").doesNotContainKeys("queued", "sending",
                    "deferred");
        });
        assertThat(statusCounts(tenant)).isEqualTo(Map.of("sent", 100L, "suppressed", 3L));
        var usage = get("/api/v1/tenants/" + tenant + "/usage?month=" + YearMonth.now(ZoneOffset.UTC)).json();
        assertThat(usage.get("quota").toString())
                .isEqualTo("{\"limit\":100,\"used\":100,\"remaining\":0,\"blocked\":3,\"released\":0}");
    }

    private long doneEvents(String tenant) {
        return jdbc.sql("SELECT count(*) FROM inbox_event WHERE tenant_id = :tenant AND status = 'done'")
                .param("tenant", tenant).query(Long.class).single();
    }

    private Map<String, Long> statusCounts(String tenant) {
        return jdbc.sql("SELECT status, count(*) AS n FROM message WHERE tenant_id = :tenant GROUP BY status")
                .param("tenant", tenant).query((rs, n) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
