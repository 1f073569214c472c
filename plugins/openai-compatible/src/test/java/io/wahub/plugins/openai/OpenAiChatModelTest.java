package io.wahub.plugins.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.testkit.DirectHttp;
import io.wahub.sdk.testkit.FakeContext;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiChatModelTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String PATH = "/v1/chat/completions";
    static final String KEY = "sk-test-never-logged";
    static final String ANSWER = """
            {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
             "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant",
             "content":"Your order #1001 ships tomorrow.","refusal":null,"annotations":[]},"logprobs":null,
             "finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
             "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,
             "rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_06737a9306"}""";
    static final ChatRequest REQUEST = new ChatRequest(List.of(
            new ChatRequest.Message("system", "You are a shop assistant."),
            new ChatRequest.Message("user", "When does order #1001 ship?")), null, 0.2, 200);

    final OpenAiChatModel model = new OpenAiChatModel();

    FakeContext context(String apiKey, int timeoutSeconds, int retries) {
        return FakeContext.of(new OpenAiSettings(server.baseUrl() + "/v1/", apiKey, "gpt-4o-mini", timeoutSeconds,
                retries), Instant.parse("2026-05-24T08:00:00Z"));
    }

    @Test
    void completes_withExactRequestAndBearerKey_andReturnsTextAndUsage() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(ANSWER)));

        ChatResult result = model.complete(REQUEST, context(KEY, 5, 2));

        assertThat(result).isEqualTo(new ChatResult("Your order #1001 ships tomorrow.", "gpt-4o-mini-2024-07-18",
                19, 10, "stop"));
        server.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("""
                        {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a shop assistant."},
                         {"role":"user","content":"When does order #1001 ship?"}],"temperature":0.2,"max_tokens":200}""")));
    }

    @Test
    void worksWithoutKey_likeALocalOllama() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson("""
                {"id":"chatcmpl-620","object":"chat.completion","created":1741570283,"model":"llama3.1:8b",
                 "system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant",
                 "content":"Tomorrow."},"finish_reason":"stop"}],"usage":{"prompt_tokens":26,"completion_tokens":3,
                 "total_tokens":29}}""")));

        ChatResult result = model.complete(ChatRequest.of("Be brief.", "When?"), context("", 5, 0));

        assertThat(result.text()).isEqualTo("Tomorrow.");
        assertThat(result.promptTokens()).isEqualTo(26);
        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", absent()));
    }

    @Test
    void asksTheHubForBoundedRetries_ofARequestSafeToRepeat() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(ANSWER)));
        FakeContext context = context(KEY, 5, 2);

        model.complete(REQUEST, context);

        OutboundRequest sent = ((DirectHttp) context.http()).requests().getFirst();
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.retryable()).isTrue();
        assertThat(sent.idempotencyKey()).isNull();
        assertThat(sent.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void serverError_isTransient_withTheServersMessage() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> model.complete(REQUEST, context(KEY, 5, 2)));

        assertThat(failure.code()).isEqualTo("http-500");
        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("the model server answered HTTP 500: The server had an error");
    }

    @Test
    void refusal4xx_isPermanent_andNeverShowsTheKey() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(401).withBody("""
                {"error":{"message":"Incorrect API key provided: sk-test-never-logged.","type":"invalid_request_error",
                 "param":null,"code":"invalid_api_key"}}""")));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> model.complete(REQUEST, context(KEY, 5, 2)));

        assertThat(failure.code()).isEqualTo("http-401");
        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("the model server answered HTTP 401: Incorrect API key provided: ***.");
    }

    @Test
    void rateLimit429_isTransient() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> model.complete(REQUEST, context(KEY, 5, 2)));

        assertThat(failure.code()).isEqualTo("http-429");
        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("the model server answered HTTP 429");
    }

    @Test
    void anAttemptSlowerThanTheTimeout_isATransientTimeout() {
        server.stubFor(post(PATH).willReturn(okJson(ANSWER).withFixedDelay(1500)));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> model.complete(REQUEST, context(KEY, 1, 1)));

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("POST " + server.baseUrl() + PATH + ": no answer within 1000 ms");
    }

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        StringBuilder indexes = new StringBuilder();
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).contains(OpenAiChatModel.class.getName());
    }
}
