package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wahub.hub.llm.TenantChat;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A feature's chat request goes to the tenant's configured model; the tokens are metered per tenant. */
class TenantChatTest extends HubIntegrationTest {

    static WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    TenantChat chat;
    @Autowired
    UsageMeter meter;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() {
        llm.start();
    }

    @AfterAll
    static void stop() {
        llm.stop();
    }

    @Test
    void routesToTheTenantsModel_andRecordsPromptAndCompletionTokens() throws Exception {
        String tenant = uniqueTenantId("llm");
        createTenant(tenant);
        configureConnector(tenant, "openai-compatible", """
                {"baseUrl":"%s/v1","apiKey":"sk-test","model":"llama3.1:8b","timeoutSeconds":5,"maxRetries":1}"""
                .formatted(llm.baseUrl()));
        llm.stubFor(WireMock.post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"llama3.1:8b",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""")));

        ChatResult result = chat.chat(tenant, ChatRequest.of("Be brief.", "Hi"));
        chat.chat(tenant, ChatRequest.of("Be brief.", "Hi again"));
        meter.flush();

        assertThat(result.text()).isEqualTo("Hello!");
        assertThat(usage(tenant)).containsEntry("llm.tokens.prompt", 24L).containsEntry("llm.tokens.completion", 6L);
    }

    @Test
    void tenantWithoutAModel_getsNoChatModel() {
        String tenant = uniqueTenantId("llm-none");
        createTenant(tenant);

        ChatFailure failure = catchThrowableOfType(ChatFailure.class,
                () -> chat.chat(tenant, ChatRequest.of("x", "y")));

        assertThat(failure.code()).isEqualTo("no-chat-model");
    }

    @Test
    void serverErrorsAreRetriedOnceThenSurface_withNoTokensRecorded() {
        String tenant = uniqueTenantId("llm-down");
        createTenant(tenant);
        configureConnector(tenant, "openai-compatible", """
                {"baseUrl":"%s/down/v1","model":"m","timeoutSeconds":5,"maxRetries":1}""".formatted(llm.baseUrl()));
        llm.stubFor(WireMock.post(urlEqualTo("/down/v1/chat/completions")).willReturn(aResponse().withStatus(502)));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class,
                () -> chat.chat(tenant, ChatRequest.of("x", "y")));
        meter.flush();

        assertThat(failure.code()).isEqualTo("http-502");
        llm.verify(2, postRequestedFor(urlEqualTo("/down/v1/chat/completions")));
        assertThat(usage(tenant)).doesNotContainKey("llm.tokens.prompt");
    }

    private Map<String, Long> usage(String tenant) {
        return jdbc.sql("SELECT metric, amount FROM usage_daily WHERE tenant_id = :tenant").param("tenant", tenant)
                .query((rs, n) -> Map.entry(rs.getString("metric"), rs.getLong("amount"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
    }
}
