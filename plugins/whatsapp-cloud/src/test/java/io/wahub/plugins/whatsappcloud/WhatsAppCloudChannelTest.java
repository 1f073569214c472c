package io.wahub.plugins.whatsappcloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.RoutingKeyProof;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.SendResult;
import io.wahub.sdk.testkit.FakeContext;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhatsAppCloudChannelTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TOKEN = "EAAG-test-token-never-logged";
    static final String PATH = "/v23.0/106540352242922/messages";
    static final Instant NOW = Instant.parse("2026-05-24T08:00:00Z");
    static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA";
    static final OutboundMessage TEXT = OutboundMessage.text("+4915112345678", MessageCategory.UTILITY,
            "Hi Jon, thanks for your order #1001!", "packing-list:evt-1");

    final WhatsAppCloudChannel channel = new WhatsAppCloudChannel(Duration.ofSeconds(2));

    FakeContext context() {
        return FakeContext.of(new WhatsAppCloudSettings("106540352242922", TOKEN, null, graph.baseUrl() + "/", null, null, null), NOW);
    }

    static String metaError(int code, String message) {
        return """
                {"error":{"message":"%s","type":"OAuthException","code":%d,\
                "error_data":{"messaging_product":"whatsapp","details":"see message"},\
                "fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}""".formatted(message, code);
    }

    @Test
    void sendsTextMessage_withExactBodyAndBearerToken_andReturnsWamid() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"4915112345678","wa_id":"4915112345678"}],\
                "messages":[{"id":"%s"}]}""".formatted(WAMID))));

        SendResult result = channel.send(TEXT, context());

        assertThat(result).isEqualTo(new SendResult(WAMID));
        graph.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                        "type":"text","text":{"preview_url":false,"body":"Hi Jon, thanks for your order #1001!"}}""")));
    }

    @Test
    void sendsTemplateMessage_withBodyParameters() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));
        OutboundMessage template = new OutboundMessage("+4915112345678", MessageCategory.UTILITY, null,
                new OutboundMessage.Template("order_confirmation", "en_US", List.of("Jon", "#1001")), "k-2");

        channel.send(template, context());

        graph.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"order_confirmation","language":{"code":"en_US"},\
                "components":[{"type":"body","parameters":[{"type":"text","text":"Jon"},\
                {"type":"text","text":"#1001"}]}]}}""")));
    }

    @Test
    void sendsAuthenticationTemplate_withBodyAndUrlButtonParameters() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));
        OutboundMessage otp = new OutboundMessage("+4915112345678", MessageCategory.AUTHENTICATION, null,
                new OutboundMessage.Template("otp_code", "en_US", List.of("482913"),
                        List.of(new OutboundMessage.Component("button", "url", 0, List.of("482913")))), "otp-1");

        channel.send(otp, context());

        graph.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"otp_code","language":{"code":"en_US"},"components":[\
                {"type":"body","parameters":[{"type":"text","text":"482913"}]},\
                {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"482913"}]}]}}""")));
    }

    @Test
    void sendsResolvedNamedTemplate_withParameterNames_urlSuffix_andCouponCode() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));
        OutboundMessage template = new OutboundMessage("+4915112345678", MessageCategory.MARKETING, null,
                new OutboundMessage.Template("spring_sale", "en_US", List.of(), List.of(
                        new OutboundMessage.Component("header", null, null, List.of("Jon"), List.of("first_name")),
                        new OutboundMessage.Component("body", null, null, List.of("Jon", "20%"),
                                List.of("first_name", "discount")),
                        new OutboundMessage.Component("button", "url", 1, List.of("SPRING20")),
                        new OutboundMessage.Component("button", "copy_code", 2, List.of("SPRING20")))), "k-3");

        channel.send(template, context());

        graph.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"spring_sale","language":{"code":"en_US"},"components":[\
                {"type":"header","parameters":[{"type":"text","parameter_name":"first_name","text":"Jon"}]},\
                {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Jon"},\
                {"type":"text","parameter_name":"discount","text":"20%"}]},\
                {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"SPRING20"}]},\
                {"type":"button","sub_type":"copy_code","index":"2",\
                "parameters":[{"type":"coupon_code","coupon_code":"SPRING20"}]}]}}""")));
    }

    @Test
    void sendsQuickReplyPayloads_asPayloadParametersOfTheTemplatesButtons() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));
        OutboundMessage template = new OutboundMessage("+4915112345678", MessageCategory.UTILITY, null,
                new OutboundMessage.Template("cod_order_confirmation", "en_US", List.of())
                        .withQuickReplyPayloads(List.of("cod:shopify:1:confirm", "cod:shopify:1:cancel")), "q-1");

        channel.send(template, context());

        graph.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"cod_order_confirmation","language":{"code":"en_US"},\
                "components":[\
                {"type":"button","sub_type":"quick_reply","index":"0",\
                "parameters":[{"type":"payload","payload":"cod:shopify:1:confirm"}]},\
                {"type":"button","sub_type":"quick_reply","index":"1",\
                "parameters":[{"type":"payload","payload":"cod:shopify:1:cancel"}]}]}}""")));
    }

    @Test
    void sendsInteractiveReplyButtons() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));
        OutboundMessage buttons = new OutboundMessage("+4915112345678", MessageCategory.SERVICE, null, null, "i-1",
                new OutboundMessage.Interactive("Confirm order #1001?", List.of(
                        new OutboundMessage.Button("confirm-1001", "Yes"), new OutboundMessage.Button("cancel-1001", "No"))));

        channel.send(buttons, context());

        graph.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"interactive","interactive":{"type":"button","body":{"text":"Confirm order #1001?"},\
                "action":{"buttons":[{"type":"reply","reply":{"id":"confirm-1001","title":"Yes"}},\
                {"type":"reply","reply":{"id":"cancel-1001","title":"No"}}]}}}""")));
    }

    @Test
    void sendRate_isThePhoneNumberAtItsConfiguredThroughput() {
        assertThat(channel.sendRate(context())).contains(new io.wahub.sdk.ChannelConnector.SendRate("106540352242922", 80));
        FakeContext raised = FakeContext.of(new WhatsAppCloudSettings("106540352242922", TOKEN, null, null, null, null,
                1000), NOW);
        assertThat(channel.sendRate(raised).orElseThrow().perSecond()).isEqualTo(1000);
    }

    @Test
    void sendsTemplateWithoutParameters_withoutComponents() throws Exception {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")));
        OutboundMessage template = new OutboundMessage("+4915112345678", MessageCategory.MARKETING, null,
                new OutboundMessage.Template("hello_world", "en_US", List.of()), "k-3");

        channel.send(template, context());

        graph.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}""")));
    }

    @Test
    void treatsHttp429_asRetryable_honouringRetryAfterSeconds() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(130429, "(#130429) Rate limit hit"))));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertFailure(failure, "130429", "(#130429) Rate limit hit", true);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void treatsHttp429WithoutBody_asRetryableHttp429_honouringRetryAfterDate() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Sun, 24 May 2026 08:01:30 GMT")));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertFailure(failure, "http-429", "WhatsApp Cloud API answered HTTP 429", true);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void treatsHttp500_asRetryableWithStatusCode() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(131000, "Something went wrong"))));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertFailure(failure, "http-500", "Something went wrong", true);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void treatsHttp503WithoutBody_asRetryableWithStatusCode() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));

        assertFailure(sendExpectingFailure(TEXT), "http-503", "WhatsApp Cloud API answered HTTP 503", true);
    }

    @Test
    void treatsWindowClosed131047_asPermanent_withMetaCodeAndMessage() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(131047, "Re-engagement message"))));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertFailure(failure, "131047", "Re-engagement message", false);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void treatsThroughput130429_asRetryable() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(130429, "(#130429) Rate limit hit"))));

        assertFailure(sendExpectingFailure(TEXT), "130429", "(#130429) Rate limit hit", true);
    }

    @ParameterizedTest
    @ValueSource(ints = {130429, 131056, 131048, 4, 80007})
    void treatsRateLimitCodes_asRetryable(int code) {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(metaError(code, "rate limited"))));

        assertFailure(sendExpectingFailure(TEXT), String.valueOf(code), "rate limited", true);
    }

    @ParameterizedTest
    @ValueSource(ints = {131047, 131026, 131049, 132000, 132001, 100, 368, 131051})
    void treatsOtherCodes_asPermanent(int code) {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(metaError(code, "refused"))));

        assertFailure(sendExpectingFailure(TEXT), String.valueOf(code), "refused", false);
    }

    @Test
    void treatsExpiredToken190_asPermanent_andNeverShowsTheToken() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(190, "Error validating access token " + TOKEN + ": Session has expired"))));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertFailure(failure, "190", "Error validating access token ***: Session has expired", false);
    }

    @Test
    void treatsAnswerSlowerThanRequestTimeout_asRetryableTimeout() {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messages\":[{\"id\":\"" + WAMID + "\"}]}")
                .withFixedDelay(4_000)));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertFailure(failure, "timeout", "POST " + graph.baseUrl() + PATH + ": no answer within 2000 ms", true);
    }

    @Test
    void treatsConnectionReset_asRetryableIoError() {
        graph.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertThat(failure.code()).isEqualTo("io-error");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("POST " + graph.baseUrl() + PATH + ": connection broken");
    }

    @Test
    void treatsSuccessWithoutMessageId_asPermanentBadResponse() {
        graph.stubFor(post(PATH).willReturn(okJson("{\"messaging_product\":\"whatsapp\"}")));

        assertFailure(sendExpectingFailure(TEXT), "bad-response",
                "WhatsApp Cloud API answered HTTP 200 without messages[0].id", false);
    }

    @Test
    void refusesUnconfiguredTenant_asPermanent() {
        FakeContext unconfigured = new FakeContext("t7", null, Clock.fixed(NOW, ZoneOffset.UTC));

        SendFailure failure = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, unconfigured));

        assertFailure(failure, "not-configured",
                "WhatsApp Cloud API is not configured for tenant t7: set phoneNumberId and accessToken", false);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void settingsDefaultApiVersionAndBaseUrl_andMaskTokenInToString() {
        WhatsAppCloudSettings settings = new WhatsAppCloudSettings("106540352242922", TOKEN, null, null, "app-secret-x", "verify-x", null);

        assertThat(settings.apiVersion()).isEqualTo("v23.0");
        assertThat(settings.baseUrl()).isEqualTo("https://graph.facebook.com");
        assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("app-secret-x").doesNotContain("verify-x").contains("accessToken=***");
    }

    @Test
    void aRefusalOfTheHubsOutboundGuard_isPermanent_withItsCode() {
        FakeContext guarded = context().withHttp(request -> {
            throw new OutboundFailure(OutboundFailure.BLOCKED_HOST, request.describe()
                    + ": 10.0.0.7 is a private address", false, null);
        });

        SendFailure failure = catchThrowableOfType(SendFailure.class, () -> channel.send(TEXT, guarded));

        assertFailure(failure, "blocked-host", "POST " + graph.baseUrl() + PATH + ": 10.0.0.7 is a private address",
                false);
    }

    @Test
    void aRedirect_isNotFollowed_andIsAPermanentFailure() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(307).withHeader("Location",
                "http://169.254.169.254/latest/meta-data/")));

        assertFailure(sendExpectingFailure(TEXT), "http-307", "WhatsApp Cloud API answered HTTP 307", false);
        assertThat(graph.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aLongVendorMessage_isCutAndFlattened_neverStoredWhole() {
        graph.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(100, "x".repeat(5000) + "\\n" + TOKEN))));

        SendFailure failure = sendExpectingFailure(TEXT);

        assertThat(failure.getMessage()).hasSize(300).startsWith("xxx").endsWith("…").doesNotContain(TOKEN);
    }

    @Test
    void provesTheNumber_whenTheGraphApiConfirmsItForTheToken() {
        graph.stubFor(get("/v23.0/106540352242922?fields=id").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"id\":\"106540352242922\"}")));

        RoutingKeyProof proof = new WhatsAppCloudWebhook().proveRoutingKey("106540352242922", context());

        assertThat(proof).isEqualTo(RoutingKeyProof.proven(
                "the Graph API confirmed the access token controls phone number id 106540352242922"));
    }

    @Test
    void doesNotProveTheNumber_whenTheGraphApiRefusesTheToken() {
        graph.stubFor(get("/v23.0/106540352242922?fields=id").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(metaError(100, "Unsupported get request. Object with ID '106540352242922' does not exist"))));

        RoutingKeyProof proof = new WhatsAppCloudWebhook().proveRoutingKey("106540352242922", context());

        assertThat(proof).isEqualTo(RoutingKeyProof.notProven("the Graph API did not confirm phone number id"
                + " 106540352242922 for the access token (HTTP 400: Unsupported get request. Object with ID"
                + " '106540352242922' does not exist)"));
    }

    @Test
    void doesNotProveTheNumber_whenTheAnswerNamesAnotherId() {
        graph.stubFor(get("/v23.0/106540352242922?fields=id").willReturn(okJson("{\"id\":\"999\"}")));

        assertThat(new WhatsAppCloudWebhook().proveRoutingKey("106540352242922", context()).proven()).isFalse();
    }

    SendFailure sendExpectingFailure(OutboundMessage message) {
        SendFailure failure = catchThrowableOfType(SendFailure.class, () -> channel.send(message, context()));
        assertThat(failure).as("expected a SendFailure").isNotNull();
        return failure;
    }

    static void assertFailure(SendFailure failure, String code, String message, boolean retryable) {
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.getMessage()).isEqualTo(message).doesNotContain(TOKEN);
        assertThat(failure.retryable()).isEqualTo(retryable);
    }

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        // test compilation writes an empty index of its own, so read every one on the class path
        StringBuilder indexes = new StringBuilder();
        for (URL index : Collections.list(WhatsAppCloudChannelTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).as("extensions.idx written by PF4J's annotation processor")
                .contains(WhatsAppCloudChannel.class.getName());
    }
}
