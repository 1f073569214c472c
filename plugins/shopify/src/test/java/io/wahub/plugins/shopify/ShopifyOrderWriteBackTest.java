package io.wahub.plugins.shopify;

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
import io.wahub.sdk.OrderWriteBack;
import io.wahub.sdk.OrderWriteBack.Decision;
import io.wahub.sdk.testkit.FakeContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShopifyOrderWriteBackTest {

    @RegisterExtension
    static WireMockExtension shop = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String PATH = "/admin/api/2024-10/graphql.json";
    static final String TOKEN = "shpat_0123456789abcdef";
    static final OrderWriteBack.Update CONFIRMED = new OrderWriteBack.Update("450789469", Decision.CONFIRMED, "x");

    final ShopifyOrderWriteBack writeBack = new ShopifyOrderWriteBack();

    FakeContext context(String token) {
        return FakeContext.of(new ShopifySettings("secret", "my-shop.myshopify.com", "US", token, shop.baseUrl()),
                Instant.parse("2026-05-24T08:00:00Z"));
    }

    @Test
    void confirmedOrder_isTaggedWithTagsAdd_withTheAccessToken() throws Exception {
        shop.stubFor(post(PATH).willReturn(okJson("""
                {"data":{"tagsAdd":{"node":{"id":"gid://shopify/Order/450789469"},"userErrors":[]}}}""")));

        writeBack.write(CONFIRMED, context(TOKEN));

        shop.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("X-Shopify-Access-Token", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"query":"%s","variables":{"id":"gid://shopify/Order/450789469","tags":["cod-confirmed"]}}"""
                        .formatted(ShopifyOrderWriteBack.MUTATION))));
    }

    @Test
    void userErrors_areAFailureForGood_withShopifysMessage() {
        shop.stubFor(post(PATH).willReturn(okJson("""
                {"data":{"tagsAdd":{"node":null,"userErrors":[{"field":["id"],"message":"Order does not exist"}]}}}""")));

        OrderWriteBack.Failure failure = catchThrowableOfType(OrderWriteBack.Failure.class,
                () -> writeBack.write(CONFIRMED, context(TOKEN)));

        assertThat(failure.code()).isEqualTo("user-error");
        assertThat(failure.getMessage()).isEqualTo("Shopify refused the tag on order 450789469: Order does not exist");
        assertThat(failure.transientFailure()).isFalse();
    }

    @Test
    void throttledOrServerError_isTransient_unauthorizedIsNot() {
        shop.stubFor(post(PATH).willReturn(aResponse().withStatus(502)));
        OrderWriteBack.Failure down = catchThrowableOfType(OrderWriteBack.Failure.class,
                () -> writeBack.write(CONFIRMED, context(TOKEN)));
        shop.stubFor(post(PATH).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));
        OrderWriteBack.Failure refused = catchThrowableOfType(OrderWriteBack.Failure.class,
                () -> writeBack.write(CONFIRMED, context(TOKEN)));

        assertThat(down.code()).isEqualTo("http-502");
        assertThat(down.transientFailure()).isTrue();
        assertThat(refused.code()).isEqualTo("http-401");
        assertThat(refused.getMessage()).isEqualTo("Shopify answered HTTP 401: [API] Invalid API key or access token"
                + " (unrecognized login or wrong password)");
        assertThat(refused.transientFailure()).isFalse();
    }

    @Test
    void withoutAnAccessToken_nothingIsCalled() {
        OrderWriteBack.Failure failure = catchThrowableOfType(OrderWriteBack.Failure.class,
                () -> writeBack.write(CONFIRMED, context(null)));

        assertThat(failure.code()).isEqualTo("not-configured");
        assertThat(failure.getMessage()).isEqualTo("the adminAccessToken setting of Shopify is not set for tenant "
                + context(null).tenantId());
        assertThat(shop.findAll(postRequestedFor(urlEqualTo(PATH)))).isEmpty();
    }
}
