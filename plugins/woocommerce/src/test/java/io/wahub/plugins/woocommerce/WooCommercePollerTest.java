package io.wahub.plugins.woocommerce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Poller.PollFailure;
import io.wahub.sdk.Poller.PollResult;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.testkit.DirectHttp;
import io.wahub.sdk.testkit.FakeContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WooCommercePollerTest {

    @RegisterExtension
    static WireMockExtension store = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String ORDERS = "/wp-json/wc/v3/orders";
    static final Instant NOW = Instant.parse("2026-05-24T08:14:03Z");

    final WooCommercePoller poller = new WooCommercePoller();
    final WooCommerceConnector connector = new WooCommerceConnector();

    FakeContext context(String key) {
        return FakeContext.of(new WooCommerceSettings("s", store.baseUrl() + "/", "US", key, "cs_secret"), NOW);
    }

    @Test
    void firstPoll_looksBackOneHour_andEmitsTheWebhooksEventsUnderTheSameKeys() throws Exception {
        store.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("[" + WooCommerceConnectorTest.fixtureText() + "]")));

        PollResult result = poller.poll(context("ck_key"), null);

        assertThat(result.events()).extracting(CanonicalEvent::type)
                .containsExactly("order.created", "order.updated", "order.paid");
        assertThat(result.events()).extracting(CanonicalEvent::deliveryId).containsExactly("order-727:created",
                "order-727@2026-05-24T08:14:02Z", "order-727:processing");
        assertThat(result.cursor()).isEqualTo("2026-05-24T08:14:02Z");
        store.verify(getRequestedFor(urlPathEqualTo(ORDERS))
                .withQueryParam("modified_after", equalTo("2026-05-24T07:14:02"))
                .withQueryParam("dates_are_gmt", equalTo("true"))
                .withQueryParam("orderby", equalTo("modified"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString("ck_key:cs_secret".getBytes(StandardCharsets.UTF_8)))));
        var webhook = connector.receive(WooCommerceConnectorTest.signed(WooCommerceConnectorTest.fixture(),
                "order.created"), WooCommerceConnectorTest.contextWithSecret());
        assertThat(result.events().stream().map(CanonicalEvent::deliveryId))
                .containsAll(webhook.events().stream().map(CanonicalEvent::deliveryId).toList());
    }

    @Test
    void nextPoll_startsOneSecondBeforeTheCursor_andDoesNotRecreate() throws Exception {
        store.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("[" + WooCommerceConnectorTest.fixtureText() + "]")));

        PollResult result = poller.poll(context("ck_key"), "2026-05-24T08:14:02Z");

        assertThat(result.events()).extracting(CanonicalEvent::type).containsExactly("order.updated", "order.paid");
        store.verify(getRequestedFor(urlPathEqualTo(ORDERS)).withQueryParam("modified_after",
                equalTo("2026-05-24T08:14:01")));
    }

    @Test
    void aRedirect_isNotFollowed_andFailsThePoll() {
        store.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", store.baseUrl() + "/internal/orders")));

        PollFailure failure = catchThrowableOfType(PollFailure.class, () -> poller.poll(context("ck_key"), null));

        assertThat(failure.getMessage()).isEqualTo("GET /wp-json/wc/v3/orders answered HTTP 302");
        store.verify(0, getRequestedFor(urlPathEqualTo("/internal/orders")));
    }

    @Test
    void asksTheHubForRetries_ofItsGet() throws Exception {
        store.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("[]")));
        FakeContext context = context("ck_key");

        poller.poll(context, "2026-05-24T08:00:00Z");

        OutboundRequest sent = ((DirectHttp) context.http()).requests().getFirst();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.retryable()).isTrue();
    }

    @Test
    void refusedCredentials_areAPollFailure_andWithoutAKeyNothingIsAsked() throws Exception {
        store.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(401)));

        PollFailure failure = catchThrowableOfType(PollFailure.class, () -> poller.poll(context("ck_bad"), null));
        PollResult disabled = poller.poll(context(null), "2026-05-24T08:00:00Z");

        assertThat(failure.getMessage()).isEqualTo("GET /wp-json/wc/v3/orders answered HTTP 401");
        assertThat(disabled.events()).isEmpty();
        assertThat(disabled.cursor()).isEqualTo("2026-05-24T08:00:00Z");
        store.verify(1, getRequestedFor(urlPathEqualTo(ORDERS)));
    }
}
