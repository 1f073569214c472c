package io.wahub.plugins.woocommerce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
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

class WooOrderWriteBackTest {

    @RegisterExtension
    static WireMockExtension store = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String ORDER = "/shop/wp-json/wc/v3/orders/727";

    final WooOrderWriteBack writeBack = new WooOrderWriteBack();

    FakeContext context() {
        return FakeContext.of(new WooCommerceSettings("whsec", store.baseUrl() + "/shop/", "DE", "ck_abc", "cs_def"),
                Instant.parse("2026-05-24T08:00:00Z"));
    }

    @Test
    void confirmedOrder_isSetProcessing_andGetsTheNote_withBasicAuth() throws Exception {
        store.stubFor(put(ORDER).willReturn(okJson("{\"id\":727,\"status\":\"processing\"}")));
        store.stubFor(post(ORDER + "/notes").willReturn(okJson("{\"id\":9}")));

        writeBack.write(new OrderWriteBack.Update("727", Decision.CONFIRMED, "Confirmed on WhatsApp."), context());

        store.verify(putRequestedFor(urlEqualTo(ORDER)).withHeader("Authorization",
                equalTo("Basic Y2tfYWJjOmNzX2RlZg==")).withRequestBody(equalToJson("{\"status\":\"processing\"}")));
        store.verify(postRequestedFor(urlEqualTo(ORDER + "/notes"))
                .withRequestBody(equalToJson("{\"note\":\"Confirmed on WhatsApp.\"}")));
    }

    @Test
    void refusedStatus_isAFailureNamingWooCommercesMessage_andNoNoteIsWritten() {
        store.stubFor(put(ORDER).willReturn(aResponse().withStatus(401).withBody("""
                {"code":"woocommerce_rest_cannot_edit","message":"Sorry, you are not allowed to edit this resource.",\
                "data":{"status":401}}""")));

        OrderWriteBack.Failure failure = catchThrowableOfType(OrderWriteBack.Failure.class, () -> writeBack.write(
                new OrderWriteBack.Update("727", Decision.CANCELLED, "n"), context()));

        assertThat(failure.code()).isEqualTo("http-401");
        assertThat(failure.getMessage()).isEqualTo("WooCommerce answered HTTP 401 to the status cancelled: Sorry,"
                + " you are not allowed to edit this resource.");
        assertThat(failure.transientFailure()).isFalse();
        assertThat(store.findAll(postRequestedFor(urlEqualTo(ORDER + "/notes")))).isEmpty();
    }
}
