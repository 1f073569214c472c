package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.wahub.hub.payment.TenantPaymentLinks;
import io.wahub.sdk.PaymentLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A feature's payment link goes to the tenant's Stripe account through the real plugin jar. */
class TenantPaymentLinksTest extends HubIntegrationTest {

    static WireMockServer stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    TenantPaymentLinks payments;

    @BeforeAll
    static void start() {
        stripe.start();
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @Test
    void createsTheTenantsCheckoutSession_retryingA503WithTheSameIdempotencyKey() throws Exception {
        String tenant = uniqueTenantId("pay");
        createTenant(tenant);
        configureConnector(tenant, "stripe", """
                {"webhookSecret":"whsec_pay","secretKey":"sk_test_pay","apiBaseUrl":"%s"}""".formatted(stripe.baseUrl()));
        stripe.stubFor(WireMock.post(urlEqualTo("/v1/checkout/sessions")).inScenario("p")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        stripe.stubFor(WireMock.post(urlEqualTo("/v1/checkout/sessions")).inScenario("p").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"cs_test_hub\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_hub\"}")));

        PaymentLinks.Link link = payments.create(tenant, new PaymentLinks.Request("INV-" + tenant, "EUR", 4498,
                "Order #1001", null, "https://shop.example.com/thanks"));

        assertThat(link.url()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_hub");
        stripe.verify(2, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer sk_test_pay"))
                .withHeader("Idempotency-Key", equalTo("wahub-checkout-INV-" + tenant)));
    }

    @Test
    void tenantWithoutStripe_getsNoPaymentProvider() {
        String tenant = uniqueTenantId("pay-none");
        createTenant(tenant);

        PaymentLinks.Failure failure = catchThrowableOfType(PaymentLinks.Failure.class, () -> payments.create(tenant,
                new PaymentLinks.Request("INV-1", "EUR", 100, "x", null, "https://shop.example.com/")));

        assertThat(failure.code()).isEqualTo("no-payment-provider");
    }
}
