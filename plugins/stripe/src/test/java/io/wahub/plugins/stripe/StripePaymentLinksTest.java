package io.wahub.plugins.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.testkit.FakeContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StripePaymentLinksTest {

    @RegisterExtension
    static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String PATH = "/v1/checkout/sessions";
    static final String KEY = "sk_test_51Nv0FGQ9RKHgCVdKexample";
    static final String SESSION = """
            {"id":"cs_test_a1b2c3","object":"checkout.session","amount_total":12000,"currency":"eur",
             "client_reference_id":"INV-1001","metadata":{"invoice_id":"INV-1001"},"mode":"payment",
             "payment_status":"unpaid","status":"open","url":"https://checkout.stripe.com/c/pay/cs_test_a1b2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0"}""";
    static final PaymentLinks.Request REQUEST = new PaymentLinks.Request("INV-1001", "EUR", 12000,
            "Invoice INV-1001", "jon@doe.ca", "https://shop.example.com/thanks");

    final StripePaymentLinks links = new StripePaymentLinks(Duration.ofMillis(1500), Duration.ofMillis(10));

    FakeContext context() {
        return FakeContext.of(new StripeSettings("whsec_x", KEY, stripe.baseUrl()), Instant.parse("2026-05-24T08:00:00Z"));
    }

    @Test
    void createsCheckoutSession_formEncoded_withIdempotencyKeyFromTheInvoice() throws Exception {
        stripe.stubFor(post(PATH).willReturn(okJson(SESSION)));

        PaymentLinks.Link link = links.create(REQUEST, context());

        assertThat(link).isEqualTo(new PaymentLinks.Link("cs_test_a1b2c3",
                "https://checkout.stripe.com/c/pay/cs_test_a1b2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0"));
        stripe.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withHeader("Idempotency-Key", equalTo("wahub-checkout-INV-1001"))
                .withRequestBody(equalTo("mode=payment&line_items%5B0%5D%5Bquantity%5D=1"
                        + "&line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=eur"
                        + "&line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=12000"
                        + "&line_items%5B0%5D%5Bprice_data%5D%5Bproduct_data%5D%5Bname%5D=Invoice+INV-1001"
                        + "&client_reference_id=INV-1001&metadata%5Binvoice_id%5D=INV-1001"
                        + "&success_url=https%3A%2F%2Fshop.example.com%2Fthanks&customer_email=jon%40doe.ca")));
    }

    @Test
    void retries429_5xx_andResets_withTheSameIdempotencyKey() throws Exception {
        stripe.stubFor(post(PATH).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("reset"));
        stripe.stubFor(post(PATH).inScenario("s").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        stripe.stubFor(post(PATH).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson(SESSION)));

        assertThat(links.create(REQUEST, context()).id()).isEqualTo("cs_test_a1b2c3");
        stripe.verify(3, postRequestedFor(urlEqualTo(PATH)).withHeader("Idempotency-Key",
                equalTo("wahub-checkout-INV-1001")));
    }

    @Test
    void givesUpAfterThreeAttempts_on5xxAndTimeouts() {
        stripe.stubFor(post(PATH).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}")));
        PaymentLinks.Failure serverError = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));
        stripe.resetAll();
        stripe.stubFor(post(PATH).willReturn(okJson(SESSION).withFixedDelay(3000)));
        PaymentLinks.Failure timeout = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));

        assertThat(serverError.code()).isEqualTo("http-500");
        assertThat(serverError.getMessage()).isEqualTo("Something went wrong (after 3 attempts)");
        assertThat(timeout.code()).isEqualTo("timeout");
        stripe.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void neverRetriesAClientError_orWhenStripeSaysNot() {
        stripe.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody("""
                {"error":{"type":"invalid_request_error","code":"parameter_missing","param":"success_url",
                 "message":"Missing required param: success_url."}}""")));
        PaymentLinks.Failure bad = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));
        stripe.resetAll();
        stripe.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withHeader("Stripe-Should-Retry", "false")));
        PaymentLinks.Failure told = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));

        assertThat(bad.code()).isEqualTo("http-400");
        assertThat(bad.transientFailure()).isFalse();
        assertThat(told.transientFailure()).isFalse();
        stripe.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void withoutSecretKey_isNotConfigured() {
        FakeContext webhookOnly = FakeContext.of(new StripeSettings("whsec_x"), Instant.parse("2026-05-24T08:00:00Z"));

        PaymentLinks.Failure failure = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, webhookOnly));

        assertThat(failure.code()).isEqualTo("not-configured");
    }
}
