package io.wahub.hub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundHttp;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

/**
 * The hub's outbound client through Camel HTTP against WireMock: what is sent and read, what is retried and how
 * long it waits, the bounds, and the guard at connect time (names resolve through {@code TestHostResolver}).
 */
class OutboundClientTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String SECRET = "sk_live_NEVER_SHOWN_4f1c";

    final DefaultCamelContext camel = new DefaultCamelContext();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    OutboundClient client;

    OutboundHttp http(Duration maxTimeout, Duration maxTotal, DataSize maxResponse) {
        OutboundProperties properties = new OutboundProperties(List.of("localhost"),
                List.of("localhost", "loopback.wahub-test.internal"), Duration.ofSeconds(5), maxTimeout, maxTotal,
                Duration.ofSeconds(2), 3, Duration.ofMillis(100), Duration.ofSeconds(3), maxResponse, 20, 10);
        camel.start();
        OutboundGuard guard = new OutboundGuard(properties);
        CamelHttpTransport transport = new CamelHttpTransport(camel, properties, new GuardedDnsResolver(guard));
        client = new OutboundClient(properties, guard, transport, new OutboundMetrics(meters), Clock.systemUTC());
        return client.forExtension("t1", "test-plugin");
    }

    OutboundHttp http() {
        return http(Duration.ofSeconds(5), Duration.ofSeconds(20), DataSize.ofKilobytes(64));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        camel.stop();
    }

    URI url(String path) {
        return URI.create(server.baseUrl() + path);
    }

    @Test
    void sendsMethodHeadersAndBody_andReadsStatusHeadersAndBody() throws Exception {
        server.stubFor(post("/v1/things").willReturn(aResponse().withStatus(201).withHeader("X-Thing", "42")
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"t-1\"}")));

        OutboundResponse response = http().send(OutboundRequest.post(url("/v1/things"), "application/json",
                "{\"name\":\"x\"}").header("Authorization", "Bearer " + SECRET).header("Accept", "application/json"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.bodyText()).isEqualTo("{\"id\":\"t-1\"}");
        assertThat(response.header("x-thing")).isEqualTo("42");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.headers()).doesNotContainKeys("authorization", "camelhttpresponsecode");
        server.verify(postRequestedFor(urlEqualTo("/v1/things"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo("{\"name\":\"x\"}")));
        assertThat(meters.get(OutboundMetrics.CALLS).tag("extension", "test-plugin").tag("outcome", "2xx").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void aGet_isRetriedAfter503_notBeforeItsRetryAfter() throws Exception {
        server.stubFor(get("/orders").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        server.stubFor(get("/orders").inScenario("s").whenScenarioStateIs("ok").willReturn(ok("[]")));

        long started = System.nanoTime();
        OutboundResponse response = http().send(OutboundRequest.get(url("/orders")).attempts(3));

        assertThat(response.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        server.verify(2, getRequestedFor(urlEqualTo("/orders")));
        assertThat(meters.get(OutboundMetrics.RETRIES).tag("reason", "503").counter().count()).isEqualTo(1);
    }

    @Test
    void aServerClosingTheConnectionWithoutAnswer_isTriedOnceMore_forARequestSafeToRepeat_evenWithOneAttempt()
            throws Exception {
        // what a keep-alive connection closed by the server as the request goes out looks like to the client
        server.stubFor(post("/v1/chat").inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("up"));
        server.stubFor(post("/v1/chat").inScenario("c").whenScenarioStateIs("up").willReturn(ok("{}")));

        OutboundResponse response = http().send(OutboundRequest.post(url("/v1/chat"), "application/json", "{}")
                .attempts(1).safeToRepeat());

        assertThat(response.status()).isEqualTo(200);
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat")));
    }

    @Test
    void aServerClosingTheConnectionWithoutAnswer_isNotRepeated_forARequestNotSafeToRepeat() {
        server.stubFor(post("/v1/payments").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http().send(
                OutboundRequest.post(url("/v1/payments"), "application/json", "{}")));

        assertThat(failure.code()).isEqualTo(OutboundFailure.IO_ERROR);
        server.verify(1, postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void aRetryAfterBeyondTheBound_endsTheRetries_andTheAnswerComesBackAtOnce() throws Exception {
        server.stubFor(get("/orders").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        long started = System.nanoTime();
        OutboundResponse response = http().send(OutboundRequest.get(url("/orders")).attempts(3));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("3600");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        server.verify(1, getRequestedFor(urlEqualTo("/orders")));
    }

    @Test
    void aPostWithoutIdempotencyKey_isSentOnce_whateverItAsks() throws Exception {
        server.stubFor(post("/pay").willReturn(aResponse().withStatus(503)));

        OutboundResponse response = http().send(OutboundRequest.post(url("/pay"), "text/plain", "x").attempts(3));

        assertThat(response.status()).isEqualTo(503);
        server.verify(1, postRequestedFor(urlEqualTo("/pay")));
    }

    @Test
    void aPostWithAnIdempotencyKey_isRetried_underTheSameKey_upToTheOperatorsMaximum() throws Exception {
        server.stubFor(post("/pay").willReturn(aResponse().withStatus(500)));

        OutboundResponse response = http().send(OutboundRequest.post(url("/pay"), "text/plain", "x")
                .idempotencyKey("inv-7").attempts(10));

        assertThat(response.status()).isEqualTo(500);
        server.verify(3, postRequestedFor(urlEqualTo("/pay")).withHeader("Idempotency-Key", equalTo("inv-7")));
    }

    @Test
    void anAttemptsTimeout_isCappedByTheOperatorsMaximum() {
        server.stubFor(post("/chat").willReturn(ok("{}").withFixedDelay(4000)));

        long started = System.nanoTime();
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http(Duration.ofSeconds(1),
                Duration.ofSeconds(20), DataSize.ofKilobytes(64)).send(OutboundRequest.post(url("/chat"),
                "application/json", "{}").timeout(Duration.ofSeconds(600))));

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(failure.getMessage()).isEqualTo("POST " + server.baseUrl() + "/chat: no answer within 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyDrippedSlowly_cannotOutlastTheAttemptsBound() {
        server.stubFor(get("/drip").willReturn(ok("x".repeat(100)).withChunkedDribbleDelay(20, 10_000)));

        long started = System.nanoTime();
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class,
                () -> http().send(OutboundRequest.get(url("/drip")).timeout(Duration.ofSeconds(1))));

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void retriesAndWaits_endAtTheWholeCallsBound() {
        server.stubFor(get("/slow").willReturn(ok("[]").withFixedDelay(5000)));

        long started = System.nanoTime();
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http(Duration.ofSeconds(2),
                Duration.ofSeconds(3), DataSize.ofKilobytes(64)).send(OutboundRequest.get(url("/slow")).attempts(3)));

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
    }

    @Test
    void anAnswerOverTheLimit_failsWithoutBeingReadWhole() {
        server.stubFor(get("/big").willReturn(ok("y".repeat(200_000))));

        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http(Duration.ofSeconds(5),
                Duration.ofSeconds(20), DataSize.ofKilobytes(16)).send(OutboundRequest.get(url("/big"))));

        assertThat(failure.code()).isEqualTo("response-too-large");
        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("GET " + server.baseUrl() + "/big: the answer is larger than"
                + " 16384 bytes");
    }

    @Test
    void aRedirect_isReturned_neverFollowed() throws Exception {
        server.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location",
                server.baseUrl() + "/internal")));

        OutboundResponse response = http().send(OutboundRequest.get(url("/moved")));

        assertThat(response.status()).isEqualTo(302);
        server.verify(0, getRequestedFor(urlEqualTo("/internal")));
    }

    @Test
    void aNameResolvingToLoopback_isRefusedWhenConnecting_andNothingIsSent() {
        server.stubFor(get("/admin").willReturn(ok("secret internal page")));

        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http().send(OutboundRequest.get(
                URI.create("http://loopback.wahub-test.internal:" + server.getPort() + "/admin"))));

        assertThat(failure.code()).isEqualTo("blocked-host");
        assertThat(failure.getMessage()).isEqualTo("GET http://loopback.wahub-test.internal:" + server.getPort()
                + "/admin: refused, loopback.wahub-test.internal resolves to a loopback address (the operator may"
                + " allow the host in wahub.outbound.allowed-hosts)");
        assertThat(server.getAllServeEvents()).isEmpty();
        assertThat(meters.get(OutboundMetrics.CALLS).tag("outcome", "blocked-host").timer().count()).isEqualTo(1);
    }

    @Test
    void failures_neverShowCredentials_fromHeadersOrTheQuery() {
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http().send(OutboundRequest.get(
                        URI.create("https://127.0.0.1:9/v1/x?api_key=" + SECRET + "&page=2"))
                .header("Authorization", "Bearer " + SECRET)));

        assertThat(failure.code()).isEqualTo("blocked-host");
        assertThat(failure.getMessage()).doesNotContain(SECRET)
                .startsWith("GET https://127.0.0.1:9/v1/x?api_key=***&page=2: refused, 127.0.0.1 is a loopback address");
    }

    @Test
    void headersAPluginMayNotSet_orWithLineBreaks_areRefused() {
        OutboundHttp http = http();
        for (OutboundRequest request : List.of(
                OutboundRequest.get(url("/x")).header("CamelHttpUri", "http://169.254.169.254/"),
                OutboundRequest.get(url("/x")).header("Host", "internal.example"),
                OutboundRequest.get(url("/x")).header("X-Api-Key", "k\r\nX-Injected: 1"))) {
            OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http.send(request));
            assertThat(failure.code()).isEqualTo("bad-request");
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void connectionRefused_isATransientConnectFailure() {
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> http().send(
                OutboundRequest.get(URI.create("http://localhost:9/x"))));

        assertThat(failure.code()).isEqualTo("connect-failed");
        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("GET http://localhost:9/x: could not connect");
    }
}
