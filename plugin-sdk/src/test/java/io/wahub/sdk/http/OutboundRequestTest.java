package io.wahub.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundRequestTest {

    static final URI URL = URI.create("https://api.example.com/v1/orders?api_key=k-123456&page=2&access_token=t-98765");

    @Test
    void describe_masksKeyLikeQueryValues_only() {
        assertThat(OutboundRequest.get(URL).describe())
                .isEqualTo("GET https://api.example.com/v1/orders?api_key=***&page=2&access_token=***");
    }

    @Test
    void safeText_masksEveryCredentialTheRequestCarries_inAnyForm() {
        String basic = Base64.getEncoder().encodeToString("ck_user:cs_pass-secret".getBytes(StandardCharsets.UTF_8));
        OutboundRequest request = OutboundRequest.get(URL).header("Authorization", "Basic " + basic)
                .header("apikey", "EVO-KEY-1234").header("X-Trace", "trace-value");

        String text = request.safeText("echo: " + basic + " / ck_user:cs_pass-secret / cs_pass-secret / EVO-KEY-1234"
                + " / k-123456 / t-98765 / trace-value");

        assertThat(text).isEqualTo("echo: *** / *** / *** / *** / *** / *** / trace-value");
    }

    @Test
    void safeText_removesControlCharacters_collapsesWhitespace_andCutsTo300() {
        OutboundRequest request = OutboundRequest.get(URL);

        assertThat(request.safeText("a\u0000b\n\n  c\u001b[31m")).isEqualTo("ab c[31m");
        assertThat(request.safeText("x".repeat(1000))).hasSize(300).endsWith("…");
        assertThat(request.safeText(null)).isEmpty();
    }

    @Test
    void onlyGetHeadAnIdempotencyKeyOrADeclaration_makeARequestRetryable() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(OutboundRequest.get(URL).retryable()).isTrue();
        assertThat(OutboundRequest.post(URL, "application/json", body).retryable()).isFalse();
        assertThat(OutboundRequest.post(URL, "application/json", body).idempotencyKey("k").retryable()).isTrue();
        assertThat(OutboundRequest.post(URL, "application/json", body).safeToRepeat().retryable()).isTrue();
        assertThat(OutboundRequest.post(URL, "application/json", body).idempotencyKey("inv-1").headers())
                .containsEntry("Idempotency-Key", "inv-1");
    }

    @Test
    void aHeaderSetTwice_inAnyCase_keepsTheLastValue_andToStringShowsNoCredential() {
        OutboundRequest request = OutboundRequest.get(URL).header("Authorization", "Bearer old")
                .header("authorization", "Bearer new-token-xyz");

        assertThat(request.headers()).containsExactly(Map.entry("authorization", "Bearer new-token-xyz"));
        assertThat(request.toString()).doesNotContain("new-token-xyz").doesNotContain("k-123456");
        assertThatThrownBy(() -> OutboundRequest.get(URL).attempts(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfter_readsSecondsAndHttpDates_fromTheClocksNow() {
        Clock clock = Clock.fixed(Instant.parse("2026-05-24T08:00:00Z"), ZoneOffset.UTC);

        assertThat(answer("120").retryAfter(clock)).contains(Duration.ofSeconds(120));
        assertThat(answer("Sun, 24 May 2026 08:01:30 GMT").retryAfter(clock)).contains(Duration.ofSeconds(90));
        assertThat(answer("Sun, 24 May 2026 07:00:00 GMT").retryAfter(clock)).contains(Duration.ZERO);
        assertThat(answer("soon").retryAfter(clock)).isEmpty();
        assertThat(new OutboundResponse(503, Map.of(), null).retryAfter(clock)).isEmpty();
    }

    static OutboundResponse answer(String retryAfter) {
        return new OutboundResponse(429, Map.of("Retry-After", List.of(retryAfter)), null);
    }
}
