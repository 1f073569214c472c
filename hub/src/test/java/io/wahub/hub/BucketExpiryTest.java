package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wahub.hub.message.SendThrottle;
import io.wahub.sdk.ChannelConnector.SendRate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bucket4j's rows in PostgreSQL expire once their bucket is full again, and a periodic sweep deletes expired rows
 * (here every 500 ms: {@code wahub.rate-limits.cleanup-ms}), so client addresses and keys seen once do not keep a
 * row forever.
 */
class BucketExpiryTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SendThrottle throttle;

    @Test
    void anApiKeysRateLimitRow_expiresAMinuteAfterUse_andIsDeletedOnceExpired() {
        String tenant = uniqueTenantId("buckets");
        createTenant(tenant);
        Response created = post("/api/v1/tenants/" + tenant + "/keys",
                "{\"name\":\"limited\",\"rateLimitPerMinute\":5}");
        String key = created.json().get("secret").asText();
        String bucket = "key:" + created.json().get("key").get("id").asText() + "@5/min";
        String other = "key:" + created.json().get("key").get("id").asText() + "-still-live";
        long before = Instant.now().toEpochMilli();

        assertThat(callAs(key, "GET", "/api/v1/tenants/" + tenant, null).status()).isEqualTo(200);

        Long expiresAt = expiry("rate_limit_bucket", bucket);
        assertThat(expiresAt).as("expires_at of " + bucket).isNotNull()
                .isBetween(before, Instant.now().plus(Duration.ofSeconds(12 + 12)).toEpochMilli());
        jdbc.sql("INSERT INTO rate_limit_bucket (id, state, expires_at) VALUES (:id, NULL, :at)")
                .param("id", other).param("at", Instant.now().plusSeconds(3600).toEpochMilli()).update();
        jdbc.sql("UPDATE rate_limit_bucket SET expires_at = :past WHERE id = :id")
                .param("past", Instant.now().minusSeconds(1).toEpochMilli()).param("id", bucket).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(count("rate_limit_bucket", bucket)).isZero());
        assertThat(count("rate_limit_bucket", other)).isEqualTo(1);
    }

    @Test
    void aSendThrottleRow_expiresSecondsAfterUse_andIsDeletedOnceExpired() {
        String number = uniquePhoneNumberId();
        long before = Instant.now().toEpochMilli();

        assertThat(throttle.acquire("whatsapp-cloud", new SendRate(number, 2), 1)).isEqualTo(1);

        String bucket = "whatsapp-cloud:" + number + ":2";
        Long expiresAt = expiry("send_rate_bucket", bucket);
        assertThat(expiresAt).as("expires_at of " + bucket).isNotNull()
                .isBetween(before, Instant.now().plus(Duration.ofSeconds(12)).toEpochMilli());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(count("send_rate_bucket", bucket)).isZero());
    }

    private Long expiry(String table, String id) {
        return jdbc.sql("SELECT expires_at FROM " + table + " WHERE id = :id").param("id", id)
                .query(Long.class).single();
    }

    private long count(String table, String id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = :id").param("id", id).query(Long.class)
                .single();
    }
}
