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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.testkit.DirectHttp;
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

    final StripePaymentLinks links = new StripePaymentLinks(Duration.ofSeconds(3));

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
    void asksTheHubToRetry_upToThreeAttempts_underOneIdempotencyKey() throws Exception {
        stripe.stubFor(post(PATH).willReturn(okJson(SESSION)));
        FakeContext context = context();

        links.create(REQUEST, context);

        OutboundRequest sent = ((DirectHttp) context.http()).requests().getFirst();
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.retryable()).isTrue();
        assertThat(sent.idempotencyKey()).isEqualTo("wahub-checkout-INV-1001");
        assertThat(sent.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorsAndTimeouts_areTransient() {
        stripe.stubFor(post(PATH).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}")));
        PaymentLinks.Failure serverError = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));
        stripe.resetAll();
        stripe.stubFor(post(PATH).willReturn(okJson(SESSION).withFixedDelay(5000)));
        PaymentLinks.Failure timeout = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));

        assertThat(serverError.code()).isEqualTo("http-500");
        assertThat(serverError.getMessage()).isEqualTo("Something went wrong");
        assertThat(serverError.transientFailure()).isTrue();
        assertThat(timeout.code()).isEqualTo("timeout");
        assertThat(timeout.transientFailure()).isTrue();
    }

    @Test
    void aClientError_isPermanent_andSoIsWhatStripeSaysNotToRetry() {
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
        assertThat(bad.getMessage()).isEqualTo("Missing required param: success_url.");
        assertThat(bad.transientFailure()).isFalse();
        assertThat(told.getMessage()).isEqualTo("Stripe answered HTTP 503");
        assertThat(told.transientFailure()).isFalse();
    }

    @Test
    void theSecretKey_neverAppearsInAFailure() {
        stripe.stubFor(post(PATH).willReturn(aResponse().withStatus(401).withBody("""
                {"error":{"type":"invalid_request_error","message":"Invalid API Key provided: %s"}}""".formatted(KEY))));

        PaymentLinks.Failure failure = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, context()));

        assertThat(failure.getMessage()).isEqualTo("Invalid API Key provided: ***");
    }

    @Test
    void withoutSecretKey_isNotConfigured() {
        FakeContext webhookOnly = FakeContext.of(new StripeSettings("whsec_x"), Instant.parse("2026-05-24T08:00:00Z"));

        PaymentLinks.Failure failure = catchThrowableOfType(PaymentLinks.Failure.class,
                () -> links.create(REQUEST, webhookOnly));

        assertThat(failure.code()).isEqualTo("not-configured");
    }
}
