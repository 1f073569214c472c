package io.wahub.hub;

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
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Concurrent OTP starts of one tenant against the limits its calls share: the plan's monthly message quota (taken by
 * a statement of its own ahead of each call's transaction) and the fraud guard's prefix limit (counted the same way).
 * Both stay exact however many starts race. So do the wrong codes of concurrent checks of one verification.
 */
class OtpQuotaAndConcurrencyTest extends OtpTestBase {

    private static final int CLIENTS = 16;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentStartsOnAPlanOf5Messages_send5_andStoreTheRestSuppressedAsOverQuota() {
        jdbc.sql("""
                INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, features, rank)
                VALUES ('five-messages', 'Five messages', 5, 100000, NULL, 90) ON CONFLICT DO NOTHING""").update();
        String tenant = otpTenant("otp-quota");
        assertThat(call("PATCH", "/api/v1/tenants/" + tenant, "{\"plan\":\"five-messages\"}").status())
                .isEqualTo(200);

        List<Integer> statuses = concurrently(12, i -> start(tenant, "+49170%07d".formatted(i * 7_919), "login"));

        assertThat(statuses).containsOnly(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusCounts(tenant))
                .isEqualTo(Map.of("sent", 5L, "suppressed", 7L)));
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE tenant_id = :t AND last_error LIKE '%quota%'")
                .param("t", tenant).query(Long.class).single()).isEqualTo(7);
        var usage = get("/api/v1/tenants/" + tenant + "/usage?month=" + YearMonth.now(ZoneOffset.UTC)).json();
        assertThat(usage.get("quota").toString())
                .isEqualTo("{\"limit\":5,\"used\":5,\"remaining\":0,\"blocked\":7,\"released\":0}");
    }

    @Test
    void concurrentBurstAcrossOnePrefix_sendsExactlyThePrefixLimit_andCountsNoRefusedStart() {
        String tenant = otpTenant("otp-race");

        List<Integer> statuses = concurrently(200, i -> start(tenant, "+49151987%05d".formatted(i), "signup"));
        Response later = start(tenant, "+4915198700999", "signup");

        assertThat(statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .isEqualTo(Map.of(201, 20L, 429, 180L));
        expectProblem(later, 429, "fraud-suspected");
        assertThat(jdbc.sql("SELECT coalesce(sum(sends), 0) FROM feature_otp.otp_velocity"
                        + " WHERE tenant_id = :t AND scope = 'prefix'")
                .param("t", tenant).query(Long.class).single()).as("sends counted in the prefix's buckets")
                .isEqualTo(20);
        assertThat(get(otp(tenant, "/stats")).json().at("/counters/started").asLong()).isEqualTo(20);
    }

    @Test
    void concurrentWrongChecks_countExactlyFiveWrongCodes_lockTheVerification_andAnswer4DeniedThen429() {
        String tenant = otpTenant("otp-check-race");
        String to = "+4915112340001";
        String id = start(tenant, to, "login").json().get("id").asText();
        String code = sentCode(tenant, to);
        String wrong = wrongCode(code);

        List<Integer> statuses = concurrently(12, i -> check(tenant, to, "login", wrong));
        Response right = check(tenant, to, "login", code);

        assertThat(statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .as("the first four wrong codes are denied, the fifth locks, the rest find it locked")
                .isEqualTo(Map.of(200, 4L, 429, 8L));
        expectProblem(right, 429, "max-attempts-reached");
        assertThat(jdbc.sql("SELECT status || ' ' || checks FROM feature_otp.verification WHERE id = :id::uuid")
                .param("id", id).query(String.class).single()).isEqualTo("max_attempts_reached 5");
        var counters = get(otp(tenant, "/stats")).json().get("counters");
        assertThat(counters.get("wrong-code").asLong()).isEqualTo(4);
        assertThat(counters.get("max-attempts-reached").asLong()).as("the fifth, the seven after it, the right one")
                .isEqualTo(9);
        assertThat(counters.get("approved").asLong()).isZero();
    }

    private List<Integer> concurrently(int calls, IntFunction<Response> call) {
        List<Future<Integer>> done;
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            done = IntStream.range(0, calls).mapToObj(i -> clients.submit(() -> call.apply(i).status())).toList();
        }
        return done.stream().map(Future::resultNow).toList();
    }

    private Map<String, Long> statusCounts(String tenant) {
        return jdbc.sql("SELECT status, count(*) AS n FROM message WHERE tenant_id = :tenant GROUP BY status")
                .param("tenant", tenant).query((rs, n) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
